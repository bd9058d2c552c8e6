package io.fcs.central.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class VerifiedTokensTest {

    private static final SecretKeySpec KEY =
            new SecretKeySpec("verified-tokens-test-secret-0123456789".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private static final Instant T0 = Instant.parse("2027-07-01T12:00:00Z");

    private Instant now = T0;
    private final Set<String> blocked = new HashSet<>();
    private final AtomicInteger verifications = new AtomicInteger();

    private VerifiedTokens tokens(int capacity) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
        OAuth2TokenValidator<Jwt> notBlocked = jwt -> blocked.contains(jwt.getSubject())
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "blocked", null))
                : OAuth2TokenValidatorResult.success();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(timestamps, notBlocked);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(KEY)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        nimbus.setJwtValidator(validator);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        return new VerifiedTokens(counting, validator, capacity);
    }

    private static String token(String subject, Duration ttl) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(T0)
                .expiresAt(T0.plus(ttl))
                .build();
        return NimbusJwtEncoder.withSecretKey(KEY)
                .algorithm(MacAlgorithm.HS256)
                .build()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    @Test
    void aTokenUsedAgainIsNotVerifiedAgain() {
        VerifiedTokens tokens = tokens(10);
        String token = token("buyer-1", Duration.ofMinutes(15));

        assertThat(tokens.decode(token).getSubject()).isEqualTo("buyer-1");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("buyer-1");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aKnownTokenIsRefusedOnceItHasExpired() {
        VerifiedTokens tokens = tokens(10);
        String token = token("buyer-1", Duration.ofMinutes(15));
        tokens.decode(token);

        now = T0.plus(Duration.ofMinutes(15)).plusSeconds(1);

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aKnownTokenIsRefusedAtOnceWhenItsAccountIsDisabled() {
        VerifiedTokens tokens = tokens(10);
        String token = token("buyer-1", Duration.ofMinutes(15));
        tokens.decode(token);

        blocked.add("buyer-1");

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void anAlteredTokenIsVerifiedAndRefusedEvenWhenTheOriginalIsKnown() {
        VerifiedTokens tokens = tokens(10);
        String token = token("buyer-1", Duration.ofMinutes(15));
        tokens.decode(token);
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThatThrownBy(() -> tokens.decode(altered)).isInstanceOf(JwtException.class);
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void theCacheNeverHoldsMoreThanItsCapacity() {
        VerifiedTokens tokens = tokens(3);
        for (int i = 0; i < 10; i++) {
            tokens.decode(token("buyer-" + i, Duration.ofMinutes(15)));
            assertThat(tokens.size()).isBetween(1, 3);
        }
    }
}
