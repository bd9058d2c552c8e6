package io.fcs.terminal;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.TerminalId;
import io.fcs.terminal.store.TerminalStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Optional;

/**
 * Who this terminal is and what it trades in: ids, signing key, currency, time zone, offline
 * allowance. Options win over what the store holds; what the options give is stored, so the
 * next start (cold, no network) finds it. A terminal never enrolled gets a fresh id and key.
 */
record TerminalIdentity(
        TerminalId terminalId,
        String festivalId,
        String zoneId,
        String place,
        Ed25519.SigningKey signingKey,
        String currency,
        String timeZone,
        long offlineAllowanceMinor,
        int zoneNumber,
        byte[] wristbandKey,
        java.util.List<Ed25519.VerificationKey> ticketKeys) {

    static final String TERMINAL_ID = "identity.terminalId";
    static final String FESTIVAL_ID = "identity.festivalId";
    static final String ZONE_ID = "identity.zoneId";
    static final String PLACE = "identity.place";
    static final String SEED = "identity.signingSeed";
    static final String CURRENCY = "config.currency";
    static final String TIME_ZONE = "config.timeZone";
    static final String OFFLINE_ALLOWANCE = "config.offlineAllowanceMinor";
    static final String ZONE_NUMBER = "identity.zoneNumber";
    static final String TICKET_KEYS = "config.ticketKeys";
    static final String WRISTBAND_KEY = "identity.wristbandMasterKey";

    static TerminalIdentity resolve(TerminalOptions options, TerminalStore store) {
        TerminalId id = TerminalId.parse(pick(store, TERMINAL_ID, options.terminalId)
                .orElseGet(
                        () -> remember(store, TERMINAL_ID, TerminalId.random().toString())));
        String festival = pick(store, FESTIVAL_ID, options.festivalId)
                .orElseGet(() -> remember(store, FESTIVAL_ID, "00000000-0000-0000-0000-000000000000"));
        String zone = pick(store, ZONE_ID, options.zoneId)
                .orElseGet(() -> remember(store, ZONE_ID, "00000000-0000-0000-0000-000000000000"));
        String place = pick(store, PLACE, blankToNull(options.place))
                .orElse(id.toString().substring(0, 8));
        Ed25519.SigningKey key = signingKey(options, store);
        java.util.Map<String, String> writers = writerKeys(options.writerKeys);
        if (!writers.isEmpty()) {
            store.putSettings(writers);
        }
        return new TerminalIdentity(
                id,
                festival,
                zone,
                place,
                key,
                store.setting(CURRENCY).orElse("EUR"),
                store.setting(TIME_ZONE).orElse("Europe/Paris"),
                store.setting(OFFLINE_ALLOWANCE).map(Long::parseLong).orElse(5000L),
                Integer.parseInt(
                        pick(store, ZONE_NUMBER, options.zoneNumber == null ? null : options.zoneNumber.toString())
                                .orElse("0")),
                wristbandKey(options, store),
                ticketKeys(options, store));
    }

    /**
     * Other terminals' public keys from {@code --writer-key}, checked: setting name
     * {@code writer.<terminalId>} to base64 key. Refuses a malformed entry with the entry named.
     */
    static java.util.Map<String, String> writerKeys(String[] entries) {
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            try {
                if (colon < 0) {
                    throw new IllegalArgumentException("no ':'");
                }
                TerminalId terminal = TerminalId.parse(entry.substring(0, colon).trim());
                Ed25519.VerificationKey key = new Ed25519.VerificationKey(
                        Base64.getDecoder().decode(entry.substring(colon + 1).trim()));
                keys.put(
                        ProtocolAdapters.WRITER_PREFIX + terminal,
                        Base64.getEncoder().encodeToString(key.encoded()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--writer-key '" + entry + "' must be terminalUUID:base64 of a 32-byte Ed25519 public key ("
                                + e.getMessage() + ")",
                        e);
            }
        }
        return keys;
    }

    /** The festival's 16-byte wristband master key (hex), from the options (stored) or the store; zeros for demos. */
    private static byte[] wristbandKey(TerminalOptions options, TerminalStore store) {
        String hex = pick(store, WRISTBAND_KEY, options.wristbandKey).orElse("00".repeat(16));
        byte[] key = java.util.HexFormat.of().parseHex(hex.trim());
        if (key.length != 16) {
            throw new IllegalArgumentException("the wristband master key must be 16 bytes (32 hex digits)");
        }
        return key;
    }

    /** Trusted ticket keys: {@code [name:]base64} from the options (stored), else the stored ones. */
    private static java.util.List<Ed25519.VerificationKey> ticketKeys(TerminalOptions options, TerminalStore store) {
        java.util.List<String> given = java.util.Arrays.stream(options.ticketKeys)
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.substring(s.indexOf(':') + 1))
                .toList();
        if (!given.isEmpty()) {
            store.putSetting(TICKET_KEYS, String.join(",", given));
        }
        return store.setting(TICKET_KEYS).stream()
                .flatMap(text -> java.util.Arrays.stream(text.split(",")))
                .filter(s -> !s.isBlank())
                .map(s -> new Ed25519.VerificationKey(Base64.getDecoder().decode(s.trim())))
                .toList();
    }

    private static Ed25519.SigningKey signingKey(TerminalOptions options, TerminalStore store) {
        if (options.signingKey != null) {
            try {
                String text = Files.readString(options.signingKey, StandardCharsets.US_ASCII)
                        .trim();
                byte[] seed = Base64.getDecoder().decode(text);
                store.putSetting(SEED, Base64.getEncoder().encodeToString(seed));
                return Ed25519.SigningKey.fromSeed(seed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the signing key " + options.signingKey, e);
            }
        }
        Optional<String> stored = store.setting(SEED);
        if (stored.isPresent()) {
            return Ed25519.SigningKey.fromSeed(Base64.getDecoder().decode(stored.get()));
        }
        Ed25519.SigningKey fresh = Ed25519.generate();
        store.putSetting(SEED, Base64.getEncoder().encodeToString(fresh.seed()));
        return fresh;
    }

    private static Optional<String> pick(TerminalStore store, String name, String fromOptions) {
        if (fromOptions != null && !fromOptions.isBlank()) {
            store.putSetting(name, fromOptions.trim());
            return Optional.of(fromOptions.trim());
        }
        return store.setting(name);
    }

    private static String remember(TerminalStore store, String name, String value) {
        store.putSetting(name, value);
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
