package io.fcs.central.testing;

import io.fcs.central.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithms;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Mints access tokens signed with central's own key, for callers that need no stored user (the
 * token is all central checks for role rules). {@code bearer(...)} gives the header value.
 */
@TestComponent
public class TestTokens {

    private final JwtEncoder encoder;

    TestTokens(JwtEncoder encoder) {
        this.encoder = encoder;
    }

    public String token(UUID userId, Collection<UUID> festivals, Role... roles) {
        return token(userId, festivals, Duration.ofMinutes(5), roles);
    }

    public String token(UUID userId, Collection<UUID> festivals, Duration ttl, Role... roles) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("fcs-central")
                .subject(userId.toString())
                .issuedAt(now.plus(ttl).minusSeconds(120))
                .expiresAt(now.plus(ttl))
                .claim("email", userId + "@tokens.test")
                .claim("roles", Arrays.stream(roles).map(Role::name).toList())
                .claim("festivals", festivals.stream().map(UUID::toString).toList())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** {@code "Bearer <token>"} for a fresh user with these roles and no festival scope. */
    public String bearer(Role... roles) {
        return "Bearer " + token(UUID.randomUUID(), List.of(), roles);
    }

    /** {@code "Bearer <token>"} for a fresh staff user scoped to the given festivals. */
    public String bearerScoped(Collection<UUID> festivals, Role... roles) {
        return "Bearer " + token(UUID.randomUUID(), festivals, roles);
    }

    static {
        // referenced so the algorithm constant stays in sync with the decoder's expectation
        if (!JwsAlgorithms.HS256.equals(MacAlgorithm.HS256.getName())) {
            throw new IllegalStateException("HS256 name mismatch");
        }
    }
}
