package io.fcs.central.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.payment.WebhookSignature;
import io.fcs.central.testing.CentralTest;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/** Online top-ups go through the payment-provider port and are credited only by its confirmation. */
class TopUpPaymentTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    WebhookSignature webhookSignature;

    private UUID festival;
    private UUID user;
    private String bearer;

    @BeforeEach
    void festivalAndAttendee() {
        festival = TestFestivals.create(jdbc);
        user = UUID.randomUUID();
        bearer = "Bearer " + tokens.token(user, List.of(), Role.ATTENDEE);
    }

    private ResultActions topUp(long cents, String cardToken, String key) throws Exception {
        var request = post("/cashless/topup")
                .header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"festivalId\":\"%s\",\"amountCents\":%d,\"method\":\"CARD\"%s}"
                        .formatted(festival, cents, cardToken == null ? "" : ",\"cardToken\":\"" + cardToken + "\""));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request);
    }

    private ResultActions webhook(long timestamp, String signature, String body) throws Exception {
        return mvc.perform(post("/payments/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .content(body));
    }

    private UUID walletId() {
        return jdbc.sql("SELECT id FROM cashless_wallet WHERE festival_id = :f AND owner_id = :o")
                .param("f", festival)
                .param("o", user)
                .query(UUID.class)
                .single();
    }

    private long walletBalance() {
        return ledger.balance(FestivalId.of(festival), AccountKey.wallet(WalletId.of(walletId())), Currency.EUR)
                .minor();
    }

    private long clearing() {
        return ledger.balance(FestivalId.of(festival), AccountKey.pspClearing(), Currency.EUR)
                .minor();
    }

    private UUID onlyPayment() {
        return jdbc.sql("SELECT id FROM payment WHERE purpose = 'wallet_top_up' AND reference_id = :w")
                .param("w", walletId())
                .query(UUID.class)
                .single();
    }

    private static String captured(String eventId, UUID paymentId, long cents) {
        return """
                {"eventId":"%s","type":"payment.captured","merchantReference":"%s","providerRef":"x","amountCents":%d,"currency":"EUR"}""".formatted(eventId, paymentId, cents);
    }

    @Test
    void theSandboxConfirmsATopUpThroughTheSignedWebhookAndTheAnswerCarriesTheCreditedBalance() throws Exception {
        topUp(1_500, null, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanceCents").value(1_500))
                .andExpect(jsonPath("$.transactionId").isNotEmpty());

        String status = jdbc.sql("SELECT status FROM payment WHERE id = :p")
                .param("p", onlyPayment())
                .query(String.class)
                .single();
        assertThat(status).isEqualTo("CAPTURED");
        assertThat(jdbc.sql("SELECT count(*) FROM payment_event WHERE payment_id = :p")
                        .param("p", onlyPayment())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        assertThat(walletBalance()).isEqualTo(1_500);
    }

    @Test
    void aDeclinedCardCreditsNothingAndTheSameKeyCanBeTriedAgain() throws Exception {
        topUp(900, "tok_declined", "k-declined")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("payment_declined"));
        assertThat(walletBalance()).isZero();
        assertThat(clearing()).isZero();

        topUp(900, null, "k-declined")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanceCents").value(900));
    }

    @Test
    void aForgedStaleOrReplayedWebhookCreditsNothingAndOnlyTheGenuineOneCreditsOnce() throws Exception {
        topUp(2_000, "tok_deferred", "k-deferred")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.balanceCents").value(0))
                .andExpect(jsonPath("$.transactionId").doesNotExist());
        UUID payment = onlyPayment();
        String event = captured("evt-" + UUID.randomUUID(), payment, 2_000);
        long now = Instant.now().getEpochSecond();

        webhook(now, "v1=" + "00".repeat(32), event)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid_signature"));
        webhook(now, webhookSignature.sign(now, event), event.replace("2000", "9000"))
                .andExpect(status().isUnauthorized());
        long old = now - 3600;
        webhook(old, webhookSignature.sign(old, event), event)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("stale_webhook"));
        String richer = event.replace("2000", "9000");
        webhook(now, webhookSignature.sign(now, richer), richer)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("amount_mismatch"));
        assertThat(walletBalance()).isZero();
        topUp(2_000, "tok_deferred", "k-deferred").andExpect(status().isAccepted());

        webhook(now, webhookSignature.sign(now, event), event)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("applied"));
        assertThat(walletBalance()).isEqualTo(2_000);

        webhook(now, webhookSignature.sign(now, event), event)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("duplicate"));
        String another = captured("evt-" + UUID.randomUUID(), payment, 2_000);
        webhook(now, webhookSignature.sign(now, another), another)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("payment_state"));
        assertThat(walletBalance()).isEqualTo(2_000);
        assertThat(clearing()).isEqualTo(2_000);

        topUp(2_000, "tok_deferred", "k-deferred")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanceCents").value(2_000))
                .andExpect(jsonPath("$.transactionId").isNotEmpty());
        assertThat(jdbc.sql("SELECT count(*) FROM payment WHERE reference_id = :w")
                        .param("w", walletId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        assertThat(walletBalance()).isEqualTo(2_000);
    }

    @Test
    void aCardRefundOfTheUnusedBalanceGoesBackThroughTheProviderAgainstTheTopUpPayments() throws Exception {
        topUp(700, null, null).andExpect(status().isOk());
        topUp(300, null, null).andExpect(status().isOk());
        jdbc.sql("""
                        INSERT INTO cashless_policy (festival_id, currency, offline_allowance, refunds_open, refund_fee,
                            refund_methods, version) VALUES (:f, 'EUR', 2000, TRUE, 50, 'CARD', 1)
                        """).param("f", festival).update();

        mvc.perform(post("/cashless/refunds")
                        .header("Authorization", bearer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"festivalId\":\"%s\",\"method\":\"CARD\"}".formatted(festival)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.amountCents").value(950))
                .andExpect(jsonPath("$.status").value("PENDING"));
        // The sandbox confirms each refund by its signed webhook right after it is asked.
        assertThat(jdbc.sql("SELECT status FROM cashless_refund WHERE wallet_id = :w")
                        .param("w", walletId())
                        .query(String.class)
                        .single())
                .isEqualTo("PAID");

        long refunded = jdbc.sql("SELECT sum(refunded_cents) FROM payment WHERE reference_id = :w")
                .param("w", walletId())
                .query(Long.class)
                .single();
        assertThat(refunded).isEqualTo(950);
        assertThat(ledger.balance(FestivalId.of(festival), AccountKey.refundsPayable(), Currency.EUR)
                        .minor())
                .isZero();
        assertThat(clearing()).isEqualTo(50);
    }
}
