package io.fcs.central.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every {@code central.*} option (environment variables {@code CENTRAL_*}); see {@code --help}. */
@ConfigurationProperties("central")
public record CentralProperties(
        @DefaultValue("./data/central") Path dataDir,
        @DefaultValue Admin admin,
        @DefaultValue Jwt jwt,
        @DefaultValue Login login,
        @DefaultValue("10") int bcryptStrength,
        String dataKey,
        String lookupKey,
        @DefaultValue Payment payment,
        @DefaultValue Http http) {

    public record Admin(String email, String password) {}

    public record Jwt(
            String secret,
            @DefaultValue("PT15M") Duration accessTokenTtl,
            @DefaultValue("P14D") Duration refreshTokenTtl,
            @DefaultValue("fcs-central") String issuer) {}

    public record Login(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("PT15M") Duration window) {}

    public record Payment(
            String webhookSecret, @DefaultValue("PT5M") Duration webhookTolerance) {}

    public record Http(
            @DefaultValue("65536") long maxBodyBytes,
            @DefaultValue("8388608") long maxSyncBodyBytes) {}
}
