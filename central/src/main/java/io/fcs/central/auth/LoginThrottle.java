package io.fcs.central.auth;

import io.fcs.central.config.CentralProperties;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed logins per (e-mail, client address) in a sliding window, in the database so
 * several central instances share the count. At the limit further attempts are refused with 429
 * {@code too_many_attempts} without checking the password, until old failures leave the window.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final CentralProperties.Login config;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, CentralProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.config = properties.login();
        this.clock = clock;
    }

    /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
    long retryAfterSeconds(String email, String clientAddress) {
        Instant windowStart = clock.instant().minus(config.window());
        record Count(long count, OffsetDateTime oldest) {}
        Count count = jdbc.sql(
                        "select count(*), min(failed_at) from login_failure where key_hash = ? and failed_at > ?")
                .params(key(email, clientAddress), utc(windowStart))
                .query((rs, n) -> new Count(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .single();
        if (count.count() < config.maxFailures()) {
            return 0;
        }
        Instant free = count.oldest().toInstant().plus(config.window());
        return Math.max(1, free.getEpochSecond() - clock.instant().getEpochSecond());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void failed(String email, String clientAddress) {
        jdbc.sql("insert into login_failure (id, key_hash, failed_at) values (?, ?, ?)")
                .params(UUID.randomUUID(), key(email, clientAddress), utc(clock.instant()))
                .update();
    }

    @Transactional
    void succeeded(String email, String clientAddress) {
        jdbc.sql("delete from login_failure where key_hash = ?")
                .param(key(email, clientAddress))
                .update();
    }

    @Scheduled(fixedDelay = 600_000, initialDelay = 60_000)
    @Transactional
    public void forgetOldFailures() {
        jdbc.sql("delete from login_failure where failed_at < ?")
                .param(utc(clock.instant().minus(config.window())))
                .update();
    }

    private static String key(String email, String clientAddress) {
        String normalised = email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT);
        return Bytes.hex(Sha256.hash((normalised + "|" + clientAddress).getBytes(StandardCharsets.UTF_8)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
