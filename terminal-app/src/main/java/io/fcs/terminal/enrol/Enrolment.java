package io.fcs.terminal.enrol;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.EnrolmentFormatException;
import io.fcs.protocol.enrol.EnrolmentQr;
import io.fcs.protocol.enrol.TicketKeyAnchor;
import io.fcs.terminal.store.TerminalStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Configures a terminal from what provisioning made for it: a config bundle (a file), or the
 * one-time enrolment QR whose sealed bundle is fetched from its URL (or read from a file when the
 * QR names none). Everything the terminal needs to cold-start is stored in one transaction; a
 * refused bundle stores nothing.
 */
public final class Enrolment {

    /** Setting names; the identity ones are the names {@code TerminalIdentity} reads. */
    public static final String TERMINAL_ID = "identity.terminalId";

    public static final String FESTIVAL_ID = "identity.festivalId";
    public static final String ZONE_ID = "identity.zoneId";
    public static final String PLACE = "identity.place";
    public static final String SEED = "identity.signingSeed";
    public static final String MODE = "identity.mode";
    public static final String CERTIFICATE_CHAIN = "identity.certificateChain";
    public static final String CA_FINGERPRINT = "identity.caFingerprint";
    public static final String ENROLLED_AT = "identity.enrolledAt";
    public static final String EDGE = "config.edge";
    public static final String CENTRAL = "config.central";
    public static final String TICKET_KEYS = "config.ticketKeys";

    /** Why an enrolment was refused. */
    public enum Reason {
        UNREADABLE,
        GARBLED,
        EXPIRED,
        NOT_A_TERMINAL,
        OTHER_FESTIVAL_CA,
        NO_DEVICE_KEY,
        /** the store already holds records signed as another terminal id. */
        OTHER_TERMINAL,
        FETCH_FAILED
    }

    /** What an enrolment attempt came to. */
    public sealed interface Outcome {
        String message();
    }

    /** The bundle is stored; the terminal starts as it says. */
    public record Enrolled(ConfigBundle bundle) implements Outcome {
        @Override
        public String message() {
            return "enrolled as " + bundle.mode() + " terminal " + bundle.deviceId() + " (" + bundle.name()
                    + ") of festival " + bundle.festivalId() + ", zone " + bundle.zoneId() + ", festival CA "
                    + EnrolmentQr.fingerprintOf(lastCertificate(bundle));
        }
    }

    /** Nothing was stored. */
    public record Refused(Reason reason, String message) implements Outcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Where the sealed bundle of a QR comes from. */
    @FunctionalInterface
    public interface BundleSource {
        byte[] fetch(URI url) throws IOException;
    }

    private final TerminalStore store;
    private final Clock clock;
    private final BundleSource source;

    public Enrolment(TerminalStore store, Clock clock, BundleSource source) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Fetches sealed bundles over HTTP(S) with {@code java.net.http}: 200 only, anything else refused. */
    public static BundleSource http() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return url -> {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IOException("the enrolment server answered " + response.statusCode()
                            + (response.statusCode() == 410 || response.statusCode() == 404
                                    ? " (this QR was already used or has expired: ask for a new one)"
                                    : ""));
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching the bundle", e);
            }
        };
    }

    /** Enrols from a config bundle file written by provisioning. */
    public Outcome fromFile(Path bundleFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(bundleFile);
        } catch (IOException e) {
            return new Refused(
                    Reason.UNREADABLE, "cannot read the config bundle " + bundleFile + ": " + e.getMessage());
        }
        ConfigBundle bundle;
        try {
            bundle = ConfigBundle.parse(bytes);
        } catch (EnrolmentFormatException e) {
            return new Refused(Reason.GARBLED, "not a valid config bundle (" + e.reason() + "): " + e.getMessage());
        }
        return apply(bundle);
    }

    /**
     * Enrols from the text of a one-time enrolment QR; the sealed bundle comes from the QR's URL,
     * or from {@code sealedFile} when given (removable media).
     */
    public Outcome fromQr(String text, Optional<Path> sealedFile) {
        EnrolmentQr qr;
        try {
            qr = EnrolmentQr.parse(text == null ? "" : text, clock.instant());
        } catch (EnrolmentFormatException e) {
            return new Refused(
                    e.reason() == EnrolmentFormatException.Reason.EXPIRED ? Reason.EXPIRED : Reason.GARBLED,
                    "enrolment QR refused (" + e.reason() + "): " + e.getMessage());
        }
        byte[] sealed;
        try {
            if (sealedFile.isPresent()) {
                sealed = Files.readAllBytes(sealedFile.get());
            } else if (qr.url().isEmpty()) {
                return new Refused(
                        Reason.FETCH_FAILED,
                        "this QR names no URL: its sealed bundle comes on removable media; give the file with --enrol");
            } else {
                sealed = source.fetch(URI.create(qr.url()));
            }
        } catch (IOException | RuntimeException e) {
            return new Refused(Reason.FETCH_FAILED, "cannot get the sealed bundle: " + e.getMessage());
        }
        ConfigBundle bundle;
        try {
            bundle = qr.open(sealed);
        } catch (EnrolmentFormatException e) {
            return new Refused(
                    e.getMessage().contains("is not the CA") ? Reason.OTHER_FESTIVAL_CA : Reason.GARBLED,
                    "the sealed bundle does not open with this QR (" + e.reason() + "): " + e.getMessage());
        }
        return apply(bundle);
    }

    /** Checks a parsed bundle against this terminal, then stores it all at once. */
    public Outcome apply(ConfigBundle bundle) {
        if (bundle.kind() != DeviceKind.TERMINAL) {
            return new Refused(
                    Reason.NOT_A_TERMINAL,
                    "this bundle is for " + bundle.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                            + bundle.deviceId() + ", not for a terminal");
        }
        String ca = EnrolmentQr.fingerprintOf(lastCertificate(bundle));
        Optional<String> enrolledCa = store.setting(CA_FINGERPRINT);
        if (enrolledCa.isPresent() && !enrolledCa.get().equals(ca)) {
            return new Refused(
                    Reason.OTHER_FESTIVAL_CA,
                    "this terminal belongs to the festival CA " + enrolledCa.get() + "; the bundle is signed by CA "
                            + ca + ". Wipe the data folder to move the terminal to another festival.");
        }
        Optional<String> enrolledId = store.setting(TERMINAL_ID);
        if (store.chainHead().isPresent()
                && enrolledId.isPresent()
                && !enrolledId.get().equals(bundle.terminalId().toString())) {
            return new Refused(
                    Reason.OTHER_TERMINAL,
                    "this terminal has recorded transactions as " + enrolledId.get() + "; the bundle is for "
                            + bundle.deviceId() + ". Enrol a fresh data folder once those records are delivered.");
        }
        byte[] seed;
        Optional<Ed25519.SigningKey> key = bundle.deviceKey();
        if (key.isPresent()) {
            seed = key.get().seed();
        } else {
            Optional<byte[]> own = store.setting(SEED).map(Base64.getDecoder()::decode);
            if (own.isEmpty()
                    || !Arrays.equals(
                            Ed25519.SigningKey.fromSeed(own.get())
                                    .verificationKey()
                                    .encoded(),
                            bundle.devicePublicKey().encoded())) {
                return new Refused(
                        Reason.NO_DEVICE_KEY,
                        "the bundle holds no device key and the certified key is not this terminal's own key");
            }
            seed = own.get();
        }
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(TERMINAL_ID, bundle.terminalId().toString());
        settings.put(FESTIVAL_ID, bundle.festivalId().toString());
        settings.put(ZONE_ID, bundle.zoneId().toString());
        settings.put(PLACE, bundle.name());
        settings.put(SEED, base64.encodeToString(seed));
        settings.put(MODE, bundle.mode().name());
        settings.put(
                CERTIFICATE_CHAIN,
                bundle.certificateChain().stream().map(base64::encodeToString).collect(Collectors.joining(",")));
        settings.put(CA_FINGERPRINT, ca);
        settings.put(ENROLLED_AT, clock.instant().toString());
        settings.put(EDGE, bundle.edgeAddress());
        settings.put(CENTRAL, bundle.centralAddress());
        if (!bundle.ticketKeys().isEmpty()) {
            settings.put(
                    TICKET_KEYS,
                    bundle.ticketKeys().stream()
                            .map(TicketKeyAnchor::publicKey)
                            .map(k -> base64.encodeToString(k.encoded()))
                            .collect(Collectors.joining(",")));
        }
        store.putSettings(settings);
        return new Enrolled(bundle);
    }

    private static byte[] lastCertificate(ConfigBundle bundle) {
        return bundle.certificateChain().getLast();
    }
}
