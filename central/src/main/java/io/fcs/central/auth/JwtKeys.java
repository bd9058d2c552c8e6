package io.fcs.central.auth;

import io.fcs.central.config.CentralProperties;
import io.fcs.central.config.DataFolder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The HS256 key of access tokens: {@code CENTRAL_JWT_SECRET} (its UTF-8 bytes, at least 32), or
 * 32 random bytes generated once into {@code <data-dir>/jwt-secret}.
 */
@Component
public class JwtKeys {

    private final SecretKey key;

    JwtKeys(CentralProperties properties, DataFolder dataFolder) {
        String configured = properties.jwt().secret();
        byte[] bytes;
        if (configured != null && !configured.isBlank()) {
            bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("CENTRAL_JWT_SECRET must be at least 32 bytes, was " + bytes.length);
            }
        } else {
            bytes = Base64.getDecoder().decode(dataFolder.secret("jwt-secret", 32));
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public SecretKey key() {
        return key;
    }
}
