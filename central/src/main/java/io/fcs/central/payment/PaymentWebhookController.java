package io.fcs.central.payment;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The provider's webhook: no bearer token, authenticated by its HMAC signature. */
@RestController
@Tag(name = "payments")
class PaymentWebhookController {

    private final PaymentWebhooks webhooks;

    PaymentWebhookController(PaymentWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/payments/webhook", consumes = "application/json")
    Map<String, String> receive(
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signature,
            @RequestBody String body) {
        return Map.of(
                "status", webhooks.receive(timestamp, signature, body).name().toLowerCase(java.util.Locale.ROOT));
    }
}
