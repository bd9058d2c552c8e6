package io.fcs.central.payment;

import io.fcs.central.config.CentralProperties;
import io.fcs.central.config.DataFolder;
import io.fcs.protocol.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * HMAC-SHA256 webhook signatures: {@code Fcs-Webhook-Signature: v1=<hex>} over
 * {@code <timestamp>.<raw body>}, with {@code Fcs-Webhook-Timestamp: <epoch seconds>}. The secret
 * is {@code CENTRAL_PAYMENT_WEBHOOK_SECRET} or generated into {@code <data-dir>/webhook-secret}.
 */
@Component
public class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "Fcs-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "Fcs-Webhook-Signature";

    private final byte[] secret;

    WebhookSignature(CentralProperties properties, DataFolder dataFolder) {
        String configured = properties.payment().webhookSecret();
        this.secret = (configured == null || configured.isBlank()
                        ? dataFolder.secret("webhook-secret", 32)
                        : configured)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for {@code body} sent at {@code epochSeconds}. */
    public String sign(long epochSeconds, String body) {
        return "v1=" + Bytes.hex(mac(epochSeconds + "." + body));
    }

    boolean matches(String timestamp, String body, String header) {
        if (header == null || !header.startsWith("v1=") || timestamp == null) {
            return false;
        }
        byte[] presented;
        try {
            presented = Bytes.fromHex(header.substring(3));
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return Bytes.constantTimeEquals(mac(timestamp + "." + body), presented);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
