package io.fcs.terminal.login;

import java.util.Objects;
import java.util.Optional;

/** A staff member who may work on this terminal; a supervisor may also void sales. */
public record Staff(String name, String pin, Optional<String> badgeUid, boolean supervisor) {

    public Staff {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pin, "pin");
        if (!pin.matches("[0-9]{4,8}")) {
            throw new IllegalArgumentException("PIN of " + name + " must be 4 to 8 digits");
        }
        badgeUid = badgeUid.map(uid -> uid.toLowerCase(java.util.Locale.ROOT));
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
