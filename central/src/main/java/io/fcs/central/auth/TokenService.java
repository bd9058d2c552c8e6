package io.fcs.central.auth;

import io.fcs.central.config.CentralProperties;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues access tokens (HS256 JWT, short-lived) and rotating refresh tokens. A refresh token is
 * 32 random bytes, stored only as its SHA-256; each login starts a family; a refresh spends the
 * presented token and issues the next of the family. Presenting a spent token again means it
 * leaked: the whole family is revoked.
 */
@Service
class TokenService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final JwtEncoder encoder;
    private final CentralProperties properties;
    private final Clock clock;

    TokenService(JdbcClient jdbc, JwtEncoder encoder, CentralProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

    sealed interface RefreshOutcome {
        record Refreshed(UUID userId, UUID familyId) implements RefreshOutcome {}

        record Refused(String code, String detail) implements RefreshOutcome {}
    }

    String accessToken(UserAccount user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.jwt().issuer())
                .subject(user.id().toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.jwt().accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim("email", user.email())
                .claim("roles", user.roles().stream().map(Role::name).sorted().toList())
                .claim(
                        "festivals",
                        user.festivals().stream().map(UUID::toString).sorted().toList())
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    /** A new refresh token in {@code familyId} (a new family when {@code null}). */
    @Transactional
    String newRefreshToken(UUID userId, UUID familyId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        jdbc.sql("insert into refresh_token (id, family_id, user_id, token_hash, created_at, expires_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID(),
                        familyId == null ? UUID.randomUUID() : familyId,
                        userId,
                        hash(token),
                        utc(now),
                        utc(now.plus(properties.jwt().refreshTokenTtl())))
                .update();
        return token;
    }

    /**
     * Spends a refresh token. Exactly one concurrent caller can spend a given token (the
     * conditional update); re-use of a spent token revokes the family and is refused. This
     * method commits its changes even when it refuses, so the revocation sticks.
     */
    @Transactional
    RefreshOutcome spend(String token) {
        String hash = hash(token);
        Instant now = clock.instant();
        int spent = jdbc.sql("update refresh_token set spent_at = ? where token_hash = ? and spent_at is null"
                        + " and revoked_at is null and expires_at > ?")
                .params(utc(now), hash, utc(now))
                .update();
        record Row(UUID userId, UUID familyId, boolean spent, boolean revoked) {}
        Optional<Row> row = jdbc.sql(
                        "select user_id, family_id, spent_at, revoked_at from refresh_token where token_hash = ?")
                .param(hash)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3) != null,
                        rs.getObject(4) != null))
                .optional();
        if (spent == 1) {
            return new RefreshOutcome.Refreshed(
                    row.orElseThrow().userId(), row.orElseThrow().familyId());
        }
        if (row.isEmpty()) {
            return new RefreshOutcome.Refused("invalid_refresh_token", "unknown refresh token");
        }
        if (row.get().spent()) {
            jdbc.sql("update refresh_token set revoked_at = ? where family_id = ? and revoked_at is null")
                    .params(utc(now), row.get().familyId())
                    .update();
            return new RefreshOutcome.Refused(
                    "refresh_token_reused", "refresh token was already used; all sessions of this login ended");
        }
        return new RefreshOutcome.Refused("invalid_refresh_token", "refresh token expired or revoked");
    }

    @Transactional
    void revokeFamily(UUID familyId) {
        jdbc.sql("update refresh_token set revoked_at = ? where family_id = ? and revoked_at is null")
                .params(utc(clock.instant()), familyId)
                .update();
    }

    /** The family of a refresh token, whatever its state. */
    Optional<UUID> familyOf(String token) {
        return jdbc.sql("select family_id from refresh_token where token_hash = ?")
                .param(hash(token))
                .query(UUID.class)
                .optional();
    }

    long refreshTokenSeconds() {
        return properties.jwt().refreshTokenTtl().toSeconds();
    }

    long accessTokenSeconds() {
        return properties.jwt().accessTokenTtl().toSeconds();
    }

    static String hash(String token) {
        return Bytes.hex(Sha256.hash(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
