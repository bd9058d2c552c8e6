package io.fcs.central.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.fcs.central.auth.Role;
import io.fcs.central.config.PersonalData;
import io.fcs.central.testing.CentralTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

class RefundBankDetailsTest extends CentralTest {

    private static final String IBAN = "FR7630006000011234567890189";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personalData;

    @Autowired
    RefundPersonalData refundData;

    @Autowired
    RefundBankDetailsAtRest atRest;

    private UUID festival;
    private UUID user;
    private String bearer;
    private String finance;

    @BeforeEach
    void festivalWithBankTransferRefunds() {
        festival = TestFestivals.create(jdbc);
        user = UUID.randomUUID();
        bearer = "Bearer " + tokens.token(user, List.of(), Role.ATTENDEE);
        finance = "Bearer " + tokens.token(UUID.randomUUID(), List.of(festival), Role.FINANCE);
        jdbc.sql("""
                        INSERT INTO cashless_policy (festival_id, currency, offline_allowance, refunds_open, refund_fee,
                            refund_methods, version) VALUES (:f, 'EUR', 2000, TRUE, 50, 'BANK_TRANSFER,CARD,DONATION', 1)
                        """).param("f", festival).update();
    }

    private String requestBankTransfer() throws Exception {
        mvc.perform(post("/cashless/topup")
                        .header("Authorization", bearer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"festivalId\":\"%s\",\"amountCents\":700,\"method\":\"CARD\"}".formatted(festival)))
                .andExpect(status().isOk());
        return JsonPath.read(
                mvc.perform(post("/cashless/refunds")
                                .header("Authorization", bearer)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"festivalId\":\"%s\",\"method\":\"BANK_TRANSFER\",\"iban\":\"FR76 3000 6000 0112 3456 7890 189\"}"
                                                .formatted(festival)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.refundId");
    }

    private Map<String, Object> rawRow(String refund) {
        return jdbc.sql("select iban, iban_enc, amount, fee, status from cashless_refund where id = ?")
                .params(UUID.fromString(refund))
                .query()
                .singleRow();
    }

    private static Object column(Map<String, Object> row, String name) {
        return row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    @Test
    void theStoredRefundHoldsNoPlaintextIbanWhileFinanceStillSeesTheAccountToPay() throws Exception {
        String refund = requestBankTransfer();

        Map<String, Object> row = rawRow(refund);
        assertThat(column(row, "iban")).isNull();
        String stored = (String) column(row, "iban_enc");
        assertThat(stored).startsWith("v1:").doesNotContain(IBAN).doesNotContain("FR76");
        assertThat(personalData.decrypt(stored)).isEqualTo(IBAN);
        mvc.perform(get("/finance/festivals/" + festival + "/refunds?status=REQUESTED")
                        .header("Authorization", finance))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].iban").value(IBAN))
                .andExpect(jsonPath("$[0].amountCents").value(650));
    }

    @Test
    void theAttendeesExportListsTheRefundWithItsAmountMethodStatusAndFullIban() throws Exception {
        String refund = requestBankTransfer();

        assertThat(refundData.section()).isEqualTo("refunds");
        assertThat((List<?>) refundData.export(user)).singleElement().satisfies(r -> {
            Map<?, ?> exported = (Map<?, ?>) r;
            assertThat(exported.get("id")).isEqualTo(UUID.fromString(refund));
            assertThat(exported.get("iban")).isEqualTo(IBAN);
            assertThat(exported.get("amountCents")).isEqualTo(650L);
            assertThat(exported.get("method")).isEqualTo("BANK_TRANSFER");
            assertThat(exported.get("status")).isEqualTo("REQUESTED");
        });
        assertThat((List<?>) refundData.export(UUID.randomUUID())).isEmpty();
    }

    @Test
    void erasureKeepsAnOwedTransferPayableAndRemovesTheIbanOnceFinancePaidIt() throws Exception {
        String refund = requestBankTransfer();
        jdbc.sql("insert into app_user (id, email_hash, email_enc, name_enc, password_hash, status, created_at)"
                        + " values (?, ?, ?, ?, 'x', 'ERASED', ?)")
                .params(
                        user,
                        "h-" + user,
                        personalData.encrypt("erased@erased.invalid"),
                        personalData.encrypt("Erased user"),
                        OffsetDateTime.now())
                .update();

        refundData.erase(user);
        mvc.perform(get("/finance/festivals/" + festival + "/refunds?status=REQUESTED")
                        .header("Authorization", finance))
                .andExpect(jsonPath("$[0].iban").value(IBAN));

        mvc.perform(post("/finance/festivals/" + festival + "/refunds/" + refund + "/transfer-paid")
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"VIR-2027-0042\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.iban").doesNotExist())
                .andExpect(jsonPath("$.amountCents").value(650));
        Map<String, Object> row = rawRow(refund);
        assertThat(column(row, "iban_enc")).isNull();
        assertThat(column(row, "iban")).isNull();
        assertThat(((Number) column(row, "amount")).longValue()).isEqualTo(650);
        assertThat(((Number) column(row, "fee")).longValue()).isEqualTo(50);
        assertThat(column(row, "status")).isEqualTo("PAID");
    }

    @Test
    void erasureRemovesTheIbanOfAPaidRefundAndKeepsItsAmounts() throws Exception {
        String refund = requestBankTransfer();
        mvc.perform(post("/finance/festivals/" + festival + "/refunds/" + refund + "/transfer-paid")
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"VIR-2027-0043\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.iban").value(IBAN));

        refundData.erase(user);

        Map<String, Object> row = rawRow(refund);
        assertThat(column(row, "iban_enc")).isNull();
        assertThat(((Number) column(row, "amount")).longValue()).isEqualTo(650);
        assertThat(column(row, "status")).isEqualTo("PAID");
        assertThat((List<?>) refundData.export(user))
                .singleElement()
                .satisfies(r -> assertThat(((Map<?, ?>) r).get("iban")).isNull());
    }

    @Test
    void anIbanStoredInPlainTextBeforeIsMovedIntoTheEncryptedColumnOnce() throws Exception {
        String refund = requestBankTransfer();
        jdbc.sql("update cashless_refund set iban = ?, iban_enc = null where id = ?")
                .params(IBAN, UUID.fromString(refund))
                .update();

        assertThat(atRest.encryptPlaintextIbans()).isEqualTo(1);
        assertThat(atRest.encryptPlaintextIbans()).isZero();

        Map<String, Object> row = rawRow(refund);
        assertThat(column(row, "iban")).isNull();
        assertThat(personalData.decrypt((String) column(row, "iban_enc"))).isEqualTo(IBAN);
    }
}
