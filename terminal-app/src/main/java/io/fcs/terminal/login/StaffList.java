package io.fcs.terminal.login;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff list that arrives with the zone configuration: one setting per member,
 *
 * <pre>
 *   staff.&lt;key&gt; = &lt;name&gt;|&lt;pin hash or empty&gt;|&lt;badge UID hex or empty&gt;|&lt;roles, comma separated&gt;
 *   e.g. staff.alice = Alice|pbkdf2-sha256$5000$…$…|04a1b2c3d4e5f6|bar,supervisor
 * </pre>
 *
 * Roles: {@code bar}, {@code cashier}, {@code gate}, {@code kiosk}, {@code supervisor}. A terminal
 * keeps the members whose roles include its mode's (or {@code supervisor}); the list is stored
 * with the configuration, so staff log in with no network at all.
 */
public final class StaffList {

    /** The setting name prefix of a member. */
    public static final String PREFIX = "staff.";

    public static final Set<String> ROLES = Set.of("bar", "cashier", "gate", "kiosk", "supervisor");

    private StaffList() {}

    /** What was read: the members kept and the entries refused (key and why). */
    public record Parsed(List<Staff> staff, Map<String, String> refused) {
        public Parsed {
            staff = List.copyOf(staff);
            refused = Map.copyOf(refused);
        }
    }

    /**
     * Reads the members out of configuration settings ({@code name -> value}, other settings
     * ignored), keeping those allowed on a terminal in {@code role}'s mode.
     */
    public static Parsed from(Map<String, String> settings, String role) {
        List<Staff> staff = new ArrayList<>();
        Map<String, String> refused = new java.util.TreeMap<>();
        settings.forEach((name, value) -> {
            if (!name.startsWith(PREFIX)) {
                return;
            }
            try {
                Member member = member(value);
                if (member.roles().contains(role) || member.roles().contains("supervisor")) {
                    staff.add(member.staff());
                }
            } catch (IllegalArgumentException e) {
                refused.put(name, e.getMessage());
            }
        });
        return new Parsed(staff, refused);
    }

    private record Member(Staff staff, Set<String> roles) {}

    private static Member member(String value) {
        String[] fields = value.split("\\|", -1);
        if (fields.length != 4) {
            throw new IllegalArgumentException("expected name|pinHash|badge|roles, got " + fields.length + " fields");
        }
        String name = fields[0].trim();
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("name must be 1..64 characters");
        }
        Optional<PinHash> pin = Optional.empty();
        if (!fields[1].isBlank()) {
            pin = Optional.of(
                    PinHash.parse(fields[1]).orElseThrow(() -> new IllegalArgumentException("garbled PIN hash")));
        }
        Optional<String> badge = Optional.empty();
        if (!fields[2].isBlank()) {
            String uid = fields[2].trim().toLowerCase(Locale.ROOT);
            if (uid.length() % 2 != 0 || uid.length() < 8 || uid.length() > 20) {
                throw new IllegalArgumentException("badge UID must be 4..10 bytes of hex");
            }
            HexFormat.of().parseHex(uid); // throws on a non-hex digit
            badge = Optional.of(uid);
        }
        Set<String> roles = new java.util.TreeSet<>();
        for (String role : fields[3].split(",")) {
            String r = role.trim().toLowerCase(Locale.ROOT);
            if (!r.isEmpty()) {
                if (!ROLES.contains(r)) {
                    throw new IllegalArgumentException("unknown role " + r);
                }
                roles.add(r);
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("no role");
        }
        return new Member(Staff.downlinked(name, pin, badge, roles.contains("supervisor")), roles);
    }

    /** The text of one member's setting (provisioning, tests). */
    public static String entry(String name, Optional<PinHash> pin, Optional<String> badgeUid, Set<String> roles) {
        return name + "|" + pin.map(PinHash::toString).orElse("") + "|" + badgeUid.orElse("") + "|"
                + String.join(",", new java.util.TreeSet<>(roles));
    }
}
