package io.fcs.terminal.login;

import java.util.Objects;
import java.util.Optional;

/**
 * A staff member who may work on this terminal; a supervisor may also void sales. The PIN is
 * either given in clear on the command line ({@code --staff}) or arrives hashed with the zone
 * configuration ({@link PinHash}); a downlinked member may have a badge only.
 */
public record Staff(String name, String pin, Optional<String> badgeUid, boolean supervisor, Optional<PinHash> pinHash) {

    public Staff {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(pinHash, "pinHash");
        Objects.requireNonNull(badgeUid, "badgeUid");
        if (!pin.isEmpty() || (pinHash.isEmpty() && badgeUid.isEmpty())) {
            requirePin("PIN of " + name, pin); // a PIN given in clear, or nothing else to log in with
        }
        badgeUid = badgeUid.map(uid -> uid.toLowerCase(java.util.Locale.ROOT));
    }

    public Staff(String name, String pin, Optional<String> badgeUid, boolean supervisor) {
        this(name, pin, badgeUid, supervisor, Optional.empty());
    }

    /** A member from the downlinked staff list: PIN hashed (or none: badge only). */
    public static Staff downlinked(
            String name, Optional<PinHash> pinHash, Optional<String> badgeUid, boolean supervisor) {
        if (pinHash.isEmpty() && badgeUid.isEmpty()) {
            throw new IllegalArgumentException(name + " has neither a PIN nor a badge");
        }
        return new Staff(name, "", badgeUid, supervisor, pinHash);
    }

    static void requirePin(String what, String pin) {
        if (pin == null || !pin.matches("[0-9]{4,8}")) {
            throw new IllegalArgumentException(what + " must be 4 to 8 digits");
        }
    }

    /** Whether this PIN is this member's. */
    public boolean pinMatches(String candidate) {
        if (pinHash.isPresent()) {
            return pinHash.get().matches(candidate);
        }
        return !pin.isEmpty()
                && java.security.MessageDigest.isEqual(
                        pin.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        candidate.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Parses {@code name:pin[:badgeUidHex][:supervisor]} (the --staff option). */
    public static Staff parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length < 2) {
            throw new IllegalArgumentException("staff must be name:pin[:badge][:supervisor], was " + text);
        }
        Optional<String> badge = Optional.empty();
        boolean supervisor = false;
        for (int i = 2; i < parts.length; i++) {
            if ("supervisor".equalsIgnoreCase(parts[i])) {
                supervisor = true;
            } else if (!parts[i].isBlank()) {
                badge = Optional.of(parts[i]);
            }
        }
        return new Staff(parts[0], parts[1], badge, supervisor);
    }

    @Override
    public String toString() {
        return "Staff[" + name + (supervisor ? ", supervisor" : "") + "]";
    }
}
