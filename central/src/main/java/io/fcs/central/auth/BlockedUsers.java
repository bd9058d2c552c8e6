package io.fcs.central.auth;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The users whose access tokens no longer work although unexpired: disabled or erased accounts
 * (decision 0144). Kept in memory, so checking a token costs no database read: changed at once by
 * this instance's {@link UserAccounts#setStatus} and {@link UserAccounts#erase}, and re-read from the
 * database every {@code central.auth.blocked-users-refresh} (default 2 s) for changes made by
 * another instance.
 */
@Component
class BlockedUsers implements OAuth2TokenValidator<Jwt> {

    private static final Logger log = LoggerFactory.getLogger(BlockedUsers.class);
    private static final OAuth2Error BLOCKED =
            new OAuth2Error("invalid_token", "the account is disabled; sign in again once it is enabled", null);

    private final JdbcClient jdbc;
    private final Set<UUID> blocked = ConcurrentHashMap.newKeySet();

    BlockedUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String subject = token.getSubject();
        if (subject != null && !blocked.isEmpty()) {
            try {
                if (blocked.contains(UUID.fromString(subject))) {
                    return OAuth2TokenValidatorResult.failure(BLOCKED);
                }
            } catch (IllegalArgumentException notAUserId) {
                return OAuth2TokenValidatorResult.success();
            }
        }
        return OAuth2TokenValidatorResult.success();
    }

    void block(UUID user) {
        blocked.add(user);
    }

    void unblock(UUID user) {
        blocked.remove(user);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${central.auth.blocked-users-refresh:PT2S}")
    void refresh() {
        try {
            Set<UUID> now = Set.copyOf(jdbc.sql("select id from app_user where status <> 'ACTIVE'")
                    .query(UUID.class)
                    .list());
            blocked.addAll(now);
            blocked.retainAll(now);
        } catch (RuntimeException e) {
            // Keep the last known set (blocking errs on the safe side) and try again next time.
            log.warn("could not re-read disabled accounts: {}", e.toString());
        }
    }
}
