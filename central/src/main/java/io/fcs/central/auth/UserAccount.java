package io.fcs.central.auth;

import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;

/** A user of central as the API shows it (personal data decrypted). */
public record UserAccount(
        UUID id, String email, String name, Set<Role> roles, Set<UUID> festivals, Status status, Instant createdAt) {

    public enum Status {
        ACTIVE,
        DISABLED,
        ERASED
    }

    public UserAccount {
        roles = Set.copyOf(roles);
        festivals = Set.copyOf(festivals);
    }

    /** The most powerful role (ADMIN before ORGANISER ... before ATTENDEE). */
    public Role primaryRole() {
        return roles.stream().min(Comparator.naturalOrder()).orElse(Role.ATTENDEE);
    }
}
