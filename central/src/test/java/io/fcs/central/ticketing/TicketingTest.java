package io.fcs.central.ticketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.fcs.central.payment.WebhookSignature;
import io.fcs.central.testing.CentralTest;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.ticket.TicketVerification;
import io.fcs.protocol.ticket.TicketVerifier;
import io.fcs.protocol.value.FestivalId;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

class TicketingTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebhookSignature webhookSignature;

    @Autowired
    TicketRevocations revocations;

    @Autowired
    TicketSales sales;

    private ResultActions buy(String bearer, String ticketTypeId, int quantity, String cardToken) throws Exception {
        String card = cardToken == null ? "" : ",\"cardToken\":\"" + cardToken + "\"";
        return apiPost(
                "/tickets/buy",
                bearer,
                "{\"ticketTypeId\":\"%s\",\"quantity\":%d%s}".formatted(ticketTypeId, quantity, card));
    }

    private int sold(String ticketTypeId) {
        return jdbc.sql("select sold from ticket_type where id = ?")
                .param(UUID.fromString(ticketTypeId))
                .query(Integer.class)
                .single();
    }

    @Test
    void boughtTicketsAreValidWithQrCodesThatVerifyOfflineWithThePublicKey() throws Exception {
        String festival = createFestival("Signed");
        String type = createTicketType(festival, 8900, 10);
        String attendee = newAttendee();
        String body = body(buy(attendee, type, 2, null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.tickets.length()").value(2))
                .andExpect(jsonPath("$.tickets[0].status").value("VALID"))
                .andExpect(jsonPath("$.tickets[0].priceCents").value(8900))
                .andExpect(jsonPath("$.tickets[0].currency").value("EUR"))
                .andExpect(jsonPath("$.tickets[0].festivalId").value(festival))
                .andExpect(jsonPath("$.tickets[0].ticketTypeId").value(type))
                .andExpect(jsonPath("$.tickets[1].type").value(org.hamcrest.Matchers.startsWith("Pass "))));
        assertThat(JsonPath.<String>read(body, "$.tickets[0].type"))
                .isEqualTo(jdbc.sql("select name from ticket_type where id = ?")
                        .param(UUID.fromString(type))
                        .query(String.class)
                        .single());
        String qr = JsonPath.read(body, "$.tickets[0].qrCode");
        String ticketId = JsonPath.read(body, "$.tickets[0].id");
        List<String> keys = read(apiGet("/festivals/" + festival + "/ticket-keys", null), "$[*].publicKey");
        TicketVerifier verifier = new TicketVerifier(
                FestivalId.parse(festival),
                keys.stream()
                        .map(k ->
                                new Ed25519.VerificationKey(Base64.getDecoder().decode(k)))
                        .toList());
        TicketVerification verification = verifier.verify(qr);
        assertThat(verification).isInstanceOf(TicketVerification.Authentic.class);
        assertThat(((TicketVerification.Authentic) verification).ticket().id().toString())
                .isEqualTo(ticketId);
        assertThat(((TicketVerification.Authentic) verification).ticket().initials())
                .contains("AA");
        String tampered = qr.substring(0, qr.length() - 2) + (qr.endsWith("00") ? "11" : "00");
        assertThat(verifier.verify(tampered)).isInstanceOf(TicketVerification.Refused.class);
        apiGet("/tickets/me", attendee).andExpect(jsonPath("$.length()").value(2));
        assertThat(sold(type)).isEqualTo(2);
    }

    @Test
    void aPurchaseBeyondTheQuotaSellsNothing() throws Exception {
        String festival = createFestival("Small");
        String type = createTicketType(festival, 1000, 3);
        String attendee = newAttendee();
        buy(attendee, type, 2, null).andExpect(status().isCreated());
        buy(attendee, type, 2, null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("sold_out"));
        assertThat(sold(type)).isEqualTo(2);
        apiGet("/tickets/me", attendee).andExpect(jsonPath("$.length()").value(2));
        buy(attendee, type, 1, null).andExpect(status().isCreated());
        assertThat(sold(type)).isEqualTo(3);
    }

    @Test
    void aPaymentCapturedBeforeTheProviderAnsweredKeepsTheProvidersReference() throws Exception {
        String festival = createFestival("Captured first");
        String type = createTicketType(festival, 1500, 5);
        String body = body(buy(newAttendee(), type, 1, null).andExpect(status().isCreated()));
        UUID orderId = UUID.fromString(JsonPath.read(body, "$.orderId"));
        String payment = jdbc.sql("select p.status || ' ' || p.provider_ref from payment p join ticket_order o"
                        + " on o.payment_id = p.id where o.id = ?")
                .param(orderId)
                .query(String.class)
                .single();
        assertThat(payment).startsWith("CAPTURED sbx_");
    }

    @Test
    void aPurchaseOfMoreThanIsLeftWritesNoOrderNorPayment() throws Exception {
        String festival = createFestival("Nearly gone");
        String type = createTicketType(festival, 1000, 1);
        String attendee = newAttendee();
        long orders =
                jdbc.sql("select count(*) from ticket_order").query(Long.class).single();
        long payments =
                jdbc.sql("select count(*) from payment").query(Long.class).single();
        buy(attendee, type, 2, null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("sold_out"));
        assertThat(jdbc.sql("select count(*) from ticket_order")
                        .query(Long.class)
                        .single())
                .isEqualTo(orders);
        assertThat(jdbc.sql("select count(*) from payment").query(Long.class).single())
                .isEqualTo(payments);
        assertThat(sold(type)).isZero();
    }

    @Test
    void aDeclinedCardSellsNothingAndGivesTheQuotaBack() throws Exception {
        String festival = createFestival("Declined");
        String type = createTicketType(festival, 1000, 2);
        String attendee = newAttendee();
        buy(attendee, type, 2, "tok_declined")
                .andExpect(status().isPaymentRequired())
                .andExpect(jsonPath("$.code").value("payment_declined"));
        assertThat(sold(type)).isZero();
        apiGet("/tickets/me", attendee)
                .andExpect(jsonPath("$[?(@.status == 'VALID')]").isEmpty());
        buy(attendee, type, 2, null).andExpect(status().isCreated());
    }

    @Test
    void aPendingPaymentIsConfirmedOnlyByAGenuineFreshWebhook() throws Exception {
        String festival = createFestival("Deferred");
        String type = createTicketType(festival, 2500, 5);
        String attendee = newAttendee();
        String body = body(buy(attendee, type, 1, "tok_deferred")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.tickets[0].status").value("PENDING"))
                .andExpect(jsonPath("$.tickets[0].qrCode").doesNotExist()));
        UUID orderId = UUID.fromString(JsonPath.read(body, "$.orderId"));
        UUID paymentId = jdbc.sql("select payment_id from ticket_order where id = ?")
                .param(orderId)
                .query(UUID.class)
                .single();
        String event = """
                {"eventId":"evt-%s","type":"payment.captured","merchantReference":"%s","providerRef":"x","amountCents":2500,"currency":"EUR"}""".formatted(UUID.randomUUID(), paymentId);
        long now = Instant.now().getEpochSecond();

        webhook(now, "v1=" + "00".repeat(32), event)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid_signature"));
        webhook(now, webhookSignature.sign(now, event), event.replace("2500", "1"))
                .andExpect(status().isUnauthorized());
        long old = now - 3600;
        webhook(old, webhookSignature.sign(old, event), event)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("stale_webhook"));
        String cheaper = event.replace("2500", "1");
        webhook(now, webhookSignature.sign(now, cheaper), cheaper)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("amount_mismatch"));
        apiGet("/tickets/me", attendee).andExpect(jsonPath("$[0].status").value("PENDING"));

        webhook(now, webhookSignature.sign(now, event), event)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("applied"));
        apiGet("/tickets/me", attendee)
                .andExpect(jsonPath("$[0].status").value("VALID"))
                .andExpect(jsonPath("$[0].qrCode").exists());
        webhook(now, webhookSignature.sign(now, event), event)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("duplicate"));
    }

    @Test
    void anUnpaidOrderExpiresGivesItsPlacesBackAndACaptureArrivingLaterIsRefunded() throws Exception {
        String festival = createFestival("Expiring");
        String type = createTicketType(festival, 2500, 2);
        String body = body(buy(newAttendee(), type, 2, "tok_deferred").andExpect(status().isCreated()));
        UUID orderId = UUID.fromString(JsonPath.read(body, "$.orderId"));
        buy(newAttendee(), type, 1, null).andExpect(status().isConflict());
        jdbc.sql("update ticket_order set created_at = created_at - interval '1' hour where id = ?")
                .param(orderId)
                .update();

        assertThat(sales.expireUnpaidOrders(1000)).isPositive();

        assertThat(jdbc.sql("select status from ticket_order where id = ?")
                        .param(orderId)
                        .query(String.class)
                        .single())
                .isEqualTo("EXPIRED");
        assertThat(jdbc.sql("select count(*) from ticket where order_id = ? and status = 'CANCELLED'")
                        .param(orderId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        buy(newAttendee(), type, 2, null).andExpect(status().isCreated());

        UUID paymentId = jdbc.sql("select payment_id from ticket_order where id = ?")
                .param(orderId)
                .query(UUID.class)
                .single();
        String late = """
                {"eventId":"evt-%s","type":"payment.captured","merchantReference":"%s","providerRef":"late","amountCents":5000,"currency":"EUR"}""".formatted(UUID.randomUUID(), paymentId);
        long now = Instant.now().getEpochSecond();
        webhook(now, webhookSignature.sign(now, late), late).andExpect(status().isOk());
        assertThat(jdbc.sql("select refunded_cents from payment where id = ?")
                        .param(paymentId)
                        .query(Long.class)
                        .single())
                .isEqualTo(5000L);
        assertThat(jdbc.sql("select count(*) from ticket where order_id = ? and status = 'VALID'")
                        .param(orderId)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(sales.expireUnpaidOrders(1000)).isZero();
    }

    @Test
    void aCardAuthorisationWithoutAnswerSellsNothingAndAsksFinanceToCheck() throws Exception {
        String festival = createFestival("Timeout");
        String type = createTicketType(festival, 2500, 1);

        buy(newAttendee(), type, 1, "tok_timeout")
                .andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.code").value("payment_outcome_unknown"));

        buy(newAttendee(), type, 1, null).andExpect(status().isCreated());
        String finance = tokens.bearerScoped(List.of(UUID.fromString(festival)), io.fcs.central.auth.Role.FINANCE);
        apiGet("/finance/festivals/" + festival + "/review-items?status=OPEN", finance)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].kind").value("UNKNOWN_OUTCOME"))
                .andExpect(jsonPath("$[0].amountCents").value(2500));
    }

    private ResultActions webhook(long timestamp, String signature, String body) throws Exception {
        return mvc.perform(post("/payments/webhook")
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .content(body));
    }

    @Test
    void aRefundRevokesTheTicketOnceAndPublishesTheRevocation() throws Exception {
        String festival = createFestival("Refunds");
        String type = createTicketType(festival, 5000, 2);
        String owner = newAttendee();
        String ticketId = read(buy(owner, type, 1, null), "$.tickets[0].id");
        long before = revocations.currentVersion(FestivalId.parse(festival));

        apiPost("/tickets/" + ticketId + "/refund", newAttendee(), null).andExpect(status().isNotFound());
        apiPost("/tickets/" + ticketId + "/refund", owner, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REFUNDED"));
        apiPost("/tickets/" + ticketId + "/refund", owner, null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ticket_not_refundable"));

        List<TicketRevocations.Revocation> revoked = revocations.since(FestivalId.parse(festival), before);
        assertThat(revoked).hasSize(1);
        assertThat(revoked.getFirst().ticketId().toString()).isEqualTo(ticketId);
        assertThat(revoked.getFirst().version()).isEqualTo(before + 1);
        assertThat(sold(type)).isZero();
        String adminRefunded = read(buy(owner, type, 1, null), "$.tickets[0].id");
        apiPost("/tickets/" + adminRefunded + "/refund", adminBearer(), null).andExpect(status().isOk());
    }

    @Test
    void theSameIdempotencyKeyReturnsTheFirstOrderAndAnotherBodyIsAConflict() throws Exception {
        String festival = createFestival("Idempotent");
        String type = createTicketType(festival, 1000, 10);
        String attendee = newAttendee();
        String json = "{\"ticketTypeId\":\"%s\",\"quantity\":2}".formatted(type);
        String first = read(
                mvc.perform(post("/tickets/buy")
                                .header("Authorization", attendee)
                                .header("Idempotency-Key", "order-1")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json))
                        .andExpect(status().isCreated()),
                "$.orderId");
        String second = read(
                mvc.perform(post("/tickets/buy")
                                .header("Authorization", attendee)
                                .header("Idempotency-Key", "order-1")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json))
                        .andExpect(status().isCreated()),
                "$.orderId");
        assertThat(second).isEqualTo(first);
        assertThat(sold(type)).isEqualTo(2);
        mvc.perform(post("/tickets/buy")
                        .header("Authorization", attendee)
                        .header("Idempotency-Key", "order-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.replace("2}", "3}")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("idempotency_key_reused"));
        assertThat(sold(type)).isEqualTo(2);
    }

    @Test
    void adminsListPrintableTicketsAndInstallRotatedKeys() throws Exception {
        String festival = createFestival("Printed");
        String type = createTicketType(festival, 0, 5);
        buy(newAttendee(), type, 1, null).andExpect(status().isCreated());
        apiGet("/admin/festivals/" + festival + "/tickets?status=VALID", adminBearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].holderName").value("Ada Attendee"));
        apiGet("/admin/festivals/" + festival + "/tickets", newAttendee()).andExpect(status().isForbidden());

        Ed25519.SigningKey key = Ed25519.generate();
        String seed = Base64.getEncoder().encodeToString(key.seed());
        String install = "{\"privateKey\":\"%s\",\"validFrom\":\"%s\"}"
                .formatted(seed, Instant.now().minusSeconds(3600));
        call(
                        org.springframework.http.HttpMethod.PUT,
                        "/admin/festivals/" + festival + "/ticket-keys/k2",
                        adminBearer(),
                        install)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.fingerprint").value(key.verificationKey().fingerprint()));
        call(
                        org.springframework.http.HttpMethod.PUT,
                        "/admin/festivals/" + festival + "/ticket-keys/k2",
                        adminBearer(),
                        install)
                .andExpect(status().isOk());
        String other = "{\"privateKey\":\"%s\",\"validFrom\":\"%s\"}"
                .formatted(Base64.getEncoder().encodeToString(Ed25519.generate().seed()), Instant.now());
        call(
                        org.springframework.http.HttpMethod.PUT,
                        "/admin/festivals/" + festival + "/ticket-keys/k2",
                        adminBearer(),
                        other)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ticket_key_exists"));
        apiGet("/festivals/" + festival + "/ticket-keys", null)
                .andExpect(jsonPath("$.length()").value(2));
        String qr = read(buy(newAttendee(), type, 1, null), "$.tickets[0].qrCode");
        TicketVerifier onlyNewKey = new TicketVerifier(FestivalId.parse(festival), List.of(key.verificationKey()));
        assertThat(onlyNewKey.verify(qr)).isInstanceOf(TicketVerification.Authentic.class);
    }
}
