package io.fcs.central.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.testing.PostgresTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Card refunds on a real PostgreSQL: one confirmed by the provider, one failed and paid by transfer. */
class CardRefundPostgresIT extends PostgresTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    private long payable(UUID festival) {
        return ledger.balance(FestivalId.of(festival), AccountKey.refundsPayable(), Currency.EUR)
                .minor();
    }

    private UUID festivalWithCardRefunds() {
        UUID festival = TestFestivals.create(jdbc);
        jdbc.sql("""
                        INSERT INTO cashless_policy (festival_id, currency, offline_allowance, refunds_open, refund_fee,
                            refund_methods, version) VALUES (:f, 'EUR', 2000, TRUE, 0, 'CARD', 1)
                        """).param("f", festival).update();
        return festival;
    }

    private UUID topUpAndRefund(UUID festival, String attendee, long cents, String cardToken) throws Exception {
        mvc.perform(post("/cashless/topup")
                        .header("Authorization", attendee)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"festivalId\":\"%s\",\"amountCents\":%d,\"method\":\"CARD\"%s}"
                                .formatted(
                                        festival,
                                        cents,
                                        cardToken == null ? "" : ",\"cardToken\":\"" + cardToken + "\"")))
                .andExpect(status().isOk());
        return UUID.fromString(read(
                mvc.perform(post("/cashless/refunds")
                                .header("Authorization", attendee)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"festivalId\":\"%s\",\"method\":\"CARD\"}".formatted(festival)))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("PENDING")),
                "$.refundId"));
    }

    private String refundStatus(UUID refund) {
        return jdbc.sql("select status from cashless_refund where id = ?")
                .param(refund)
                .query(String.class)
                .single();
    }

    @Test
    void aConfirmedRefundIsPaidAndAFailedOneStaysOwedUntilFinancePaysItByTransfer() throws Exception {
        UUID festival = festivalWithCardRefunds();
        String finance = "Bearer " + tokens.token(UUID.randomUUID(), List.of(festival), Role.FINANCE);

        UUID paid = topUpAndRefund(
                festival, "Bearer " + tokens.token(UUID.randomUUID(), List.of(), Role.ATTENDEE), 1_200, null);
        assertThat(refundStatus(paid)).isEqualTo("PAID");
        assertThat(payable(festival)).isZero();

        UUID failed = topUpAndRefund(
                festival,
                "Bearer " + tokens.token(UUID.randomUUID(), List.of(), Role.ATTENDEE),
                700,
                SandboxPaymentProvider.REFUND_FAILS);
        assertThat(refundStatus(failed)).isEqualTo("FAILED");
        assertThat(payable(festival)).isEqualTo(700);
        String item = read(
                mvc.perform(get("/finance/festivals/" + festival + "/review-items?status=OPEN")
                                .header("Authorization", finance))
                        .andExpect(jsonPath("$[0].kind").value("CARD_REFUND_FAILED")),
                "$[0].id");
        mvc.perform(post("/finance/festivals/" + festival + "/review-items/" + item + "/actions")
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"action\":\"PAY_BY_BANK_TRANSFER\",\"reference\":\"VIR-9\",\"reason\":\"expired\"}"))
                .andExpect(status().isOk());

        assertThat(refundStatus(failed)).isEqualTo("PAID");
        assertThat(payable(festival)).isZero();
        mvc.perform(get("/finance/festivals/" + festival + "/reconciliation").header("Authorization", finance))
                .andExpect(jsonPath("$.conservationHolds").value(true));
    }
}
