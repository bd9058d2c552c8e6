package io.fcs.central.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the API shows it. */
public record UserView(
        UUID id,
        String email,
        String name,
        Role role,
        List<Role> roles,
        List<UUID> festivals,
        UserAccount.Status status,
        Instant createdAt) {

    public static UserView of(UserAccount user) {
        return new UserView(
                user.id(),
                user.email(),
                user.name(),
                user.primaryRole(),
                user.roles().stream().sorted().toList(),
                user.festivals().stream().sorted().toList(),
                user.status(),
                user.createdAt());
    }
}
