package io.fcs.central.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.testing.CentralTest;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

class CashlessApiTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    private UUID festival;
    private UUID user;
    private String bearer;

    @BeforeEach
    void festivalAndAttendee() {
        festival = TestFestivals.create(jdbc);
        user = UUID.randomUUID();
        bearer = "Bearer " + tokens.token(user, List.of(), Role.ATTENDEE);
    }

    private ResultActions call(String path, String json, String key) throws Exception {
        var request = post(path)
                .header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request);
    }

    private ResultActions topUp(long cents, String key) throws Exception {
        return call(
                "/cashless/topup",
                "{\"festivalId\":\"%s\",\"amountCents\":%d,\"method\":\"CARD\"}".formatted(festival, cents),
                key);
    }

    private ResultActions pay(long cents, String key) throws Exception {
        return call(
                "/cashless/pay",
                "{\"festivalId\":\"%s\",\"amountCents\":%d,\"description\":\"T-shirt\"}".formatted(festival, cents),
                key);
    }

    /** The festival's policy opens refunds of unused balances: every method, a 50-cent fee. */
    private void openRefunds() {
        jdbc.sql("""
                        INSERT INTO cashless_policy (festival_id, currency, offline_allowance, refunds_open, refund_fee,
                            refund_methods, version) VALUES (:f, 'EUR', 2000, TRUE, 50, 'BANK_TRANSFER,CARD,DONATION', 1)
                        """).param("f", festival).update();
    }

    /** Asks for a bank-transfer refund of the whole balance; its id (the request is REQUESTED). */
    private String requestBankTransfer() throws Exception {
        return JsonPath.read(
                call(
                                "/cashless/refunds",
                                "{\"festivalId\":\"%s\",\"method\":\"BANK_TRANSFER\",\"iban\":\"FR7630006000011234567890189\"}"
                                        .formatted(festival),
                                null)
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.status").value("REQUESTED"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.refundId");
    }

    private long walletBalance() {
        String account = jdbc.sql("SELECT id FROM cashless_wallet WHERE festival_id = :f AND owner_id = :o")
                .param("f", festival)
                .param("o", user)
                .query(String.class)
                .single();
        return ledger.balance(FestivalId.of(festival), AccountKey.wallet(WalletId.parse(account)), Currency.EUR)
                .minor();
    }

    @Test
    void anOnlineTopUpOpensTheAccountAndIsPendingUntilAWristbandCarriesIt() throws Exception {
        topUp(2_500, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanceCents").value(2_500))
                .andExpect(jsonPath("$.pendingCents").value(2_500))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.accountId").isString())
                .andExpect(jsonPath("$.transactionId").isString());

        mvc.perform(get("/cashless/me").header("Authorization", bearer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accounts[0].festivalId").value(festival.toString()))
                .andExpect(jsonPath("$.accounts[0].balanceCents").value(2_500))
                .andExpect(jsonPath("$.accounts[0].status").value("ACTIVE"));
    }

    @Test
    void aPaymentBeyondTheBalanceIs422AndChangesNothing() throws Exception {
        topUp(1_000, null).andExpect(status().isOk());

        pay(1_001, null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("insufficient_funds"));

        assertThat(walletBalance()).isEqualTo(1_000);
        pay(1_000, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanceCents").value(0))
                .andExpect(jsonPath("$.pendingCents").value(0));
    }

    @Test
    void aPaymentMakesPendingNegativeUntilTheWristbandIsDebited() throws Exception {
        topUp(1_000, null);
        jdbc.sql("UPDATE cashless_wallet SET chip_balance = 1000 WHERE owner_id = :o")
                .param("o", user)
                .update();

        pay(300, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanceCents").value(700))
                .andExpect(jsonPath("$.pendingCents").value(-300));
    }

    @Test
    void theSameIdempotencyKeyAndBodyAnswersTheFirstResultAndChargesOnce() throws Exception {
        String first = topUp(1_200, "k-1")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String again = topUp(1_200, "k-1")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(again).isEqualTo(first);
        assertThat(walletBalance()).isEqualTo(1_200);
        topUp(1_300, "k-1")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("idempotency_key_reused"));
        assertThat(walletBalance()).isEqualTo(1_200);
    }

    @Test
    void badAmountsAndUnknownFestivalsAreRefusedWithProblemCodes() throws Exception {
        topUp(0, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        topUp(-5, null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        topUp(CashlessService.MAX_AMOUNT_CENTS + 1, null).andExpect(status().isBadRequest());
        call(
                        "/cashless/topup",
                        "{\"festivalId\":\"%s\",\"amountCents\":99999999999999999999999,\"method\":\"CARD\"}"
                                .formatted(festival),
                        null)
                .andExpect(status().isBadRequest());
        call(
                        "/cashless/topup",
                        "{\"festivalId\":\"%s\",\"amountCents\":12.5,\"method\":\"CARD\"}".formatted(festival),
                        null)
                .andExpect(status().isBadRequest());
        call("/cashless/topup", "{not json", null).andExpect(status().isBadRequest());
        call(
                        "/cashless/topup",
                        "{\"festivalId\":\"%s\",\"amountCents\":100,\"method\":\"CARD\"}".formatted(UUID.randomUUID()),
                        null)
                .andExpect(status().isNotFound());
        call("/cashless/pay", "{\"festivalId\":\"nope\",\"amountCents\":100}", null)
                .andExpect(status().isBadRequest());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM cashless_wallet WHERE owner_id = :o")
                        .param("o", user)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void cashlessCallsNeedAToken() throws Exception {
        mvc.perform(post("/cashless/topup")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aLostWristbandIsBlockedAndTheBalanceMovesToTheNewOne() throws Exception {
        topUp(2_000, null);
        call("/cashless/wristbands", "{\"festivalId\":\"%s\",\"uid\":\"04A1B2C3D4E5F6\"}".formatted(festival), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.wristbands[0]").value("04a1b2c3d4e5f6"));
        jdbc.sql("UPDATE cashless_wallet SET chip_balance = 2000 WHERE owner_id = :o")
                .param("o", user)
                .update();

        call(
                        "/cashless/wristbands/04a1b2c3d4e5f6/replacement",
                        "{\"festivalId\":\"%s\",\"newUid\":\"04FFEEDDCCBBAA\"}".formatted(festival),
                        null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.wristbands.length()").value(1))
                .andExpect(jsonPath("$.wristbands[0]").value("04ffeeddccbbaa"))
                .andExpect(jsonPath("$.balanceCents").value(2_000))
                .andExpect(jsonPath("$.pendingCents").value(2_000));

        mvc.perform(get("/sync/v1/festivals/{f}/deny-list", festival))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.wristbands[0].uid").value("04a1b2c3d4e5f6"));
        assertThat(walletBalance()).isEqualTo(2_000);
    }

    @Test
    void anotherAttendeeCannotBlockMyWristband() throws Exception {
        call("/cashless/wristbands", "{\"festivalId\":\"%s\",\"uid\":\"04A1B2C3D4E5F7\"}".formatted(festival), null)
                .andExpect(status().isOk());
        String stranger = "Bearer " + tokens.token(UUID.randomUUID(), List.of(), Role.ATTENDEE);

        mvc.perform(post("/cashless/wristbands/04a1b2c3d4e5f7/block")
                        .header("Authorization", stranger)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"festivalId\":\"%s\"}".formatted(festival)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theHistoryListsMovementsFromTheAttendeesPointOfView() throws Exception {
        topUp(1_000, null);
        pay(250, null);

        mvc.perform(get("/cashless/me/history")
                        .param("festivalId", festival.toString())
                        .header("Authorization", bearer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.movements[0].amountCents").value(-250))
                .andExpect(jsonPath("$.movements[1].amountCents").value(1_000))
                .andExpect(jsonPath("$.movements[1].category").value("TOP_UP"));
    }

    @Test
    void unusedBalanceIsDonatedAfterTheEventWhenThePolicyOpensRefunds() throws Exception {
        topUp(700, null);
        call("/cashless/refunds", "{\"festivalId\":\"%s\",\"method\":\"DONATION\"}".formatted(festival), null)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("refunds_closed"));
        openRefunds();

        call(
                        "/cashless/refunds",
                        "{\"festivalId\":\"%s\",\"method\":\"BANK_TRANSFER\",\"iban\":\"bad\"}".formatted(festival),
                        null)
                .andExpect(status().isBadRequest());
        call("/cashless/refunds", "{\"festivalId\":\"%s\",\"method\":\"CARD\"}".formatted(festival), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.amountCents").value(650))
                .andExpect(jsonPath("$.feeCents").value(50))
                .andExpect(jsonPath("$.status").value("PENDING"));

        assertThat(walletBalance()).isZero();
        pay(1, null).andExpect(status().isUnprocessableContent());
        assertThat(ledger.balance(FestivalId.of(festival), AccountKey.refundsPayable(), Currency.EUR))
                .isEqualTo(Money.eur(0));
    }

    @Test
    void financeMarksARequestedBankTransferPaidOnceAndTheMoneyLeavesFromTheBank() throws Exception {
        topUp(700, null);
        openRefunds();
        String refund = requestBankTransfer();
        String finance = "Bearer " + tokens.token(UUID.randomUUID(), List.of(festival), Role.FINANCE);
        String refunds = "/finance/festivals/" + festival + "/refunds";

        mvc.perform(get(refunds + "?status=REQUESTED").header("Authorization", finance))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].amountCents").value(650));
        mvc.perform(post(refunds + "/" + refund + "/transfer-paid")
                        .header("Authorization", bearer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"VIR-1\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post(refunds + "/" + refund + "/transfer-paid")
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        mvc.perform(post(refunds + "/" + refund + "/transfer-paid")
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"VIR-2027-0001\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.transferReference").value("VIR-2027-0001"));
        mvc.perform(post(refunds + "/" + refund + "/transfer-paid")
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"VIR-2027-0001\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("refund_not_payable"));

        assertThat(ledger.balance(FestivalId.of(festival), AccountKey.refundsPayable(), Currency.EUR))
                .isEqualTo(Money.eur(0));
        assertThat(ledger.balance(FestivalId.of(festival), AccountKey.bank(), Currency.EUR))
                .isEqualTo(Money.eur(-650));
        mvc.perform(get("/finance/festivals/" + festival + "/reconciliation").header("Authorization", finance))
                .andExpect(jsonPath("$.conservationHolds").value(true));
    }

    @Test
    void anAttendeeFollowsTheirOwnRefundUntilItIsPaidAndSeesNoOneElses() throws Exception {
        topUp(700, null);
        openRefunds();
        String mine = "/cashless/refunds?festivalId=" + festival;
        mvc.perform(get(mine).header("Authorization", bearer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refunds.length()").value(0));
        String refund = requestBankTransfer();

        mvc.perform(get(mine).header("Authorization", bearer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refunds.length()").value(1))
                .andExpect(jsonPath("$.refunds[0].refundId").value(refund))
                .andExpect(jsonPath("$.refunds[0].method").value("BANK_TRANSFER"))
                .andExpect(jsonPath("$.refunds[0].amountCents").value(650))
                .andExpect(jsonPath("$.refunds[0].feeCents").value(50))
                .andExpect(jsonPath("$.refunds[0].status").value("REQUESTED"))
                .andExpect(jsonPath("$.refunds[0].requestedAt").exists())
                .andExpect(jsonPath("$.refunds[0].paidAt").doesNotExist())
                .andExpect(jsonPath("$.refunds[0].iban").doesNotExist());
        String finance = "Bearer " + tokens.token(UUID.randomUUID(), List.of(festival), Role.FINANCE);
        mvc.perform(post("/finance/festivals/" + festival + "/refunds/" + refund + "/transfer-paid")
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reference\":\"VIR-2027-0002\"}"))
                .andExpect(status().isOk());
        mvc.perform(get(mine).header("Authorization", bearer))
                .andExpect(jsonPath("$.refunds[0].status").value("PAID"))
                .andExpect(jsonPath("$.refunds[0].paidAt").exists());

        String stranger = "Bearer " + tokens.token(UUID.randomUUID(), List.of(), Role.ATTENDEE);
        mvc.perform(get(mine).header("Authorization", stranger))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refunds.length()").value(0));
        mvc.perform(get("/cashless/refunds?festivalId=" + UUID.randomUUID()).header("Authorization", bearer))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").exists());
        mvc.perform(get("/cashless/refunds?festivalId=not-a-uuid").header("Authorization", bearer))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").exists());
        mvc.perform(get("/cashless/refunds").header("Authorization", bearer))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").exists());
        mvc.perform(get(mine)).andExpect(status().isUnauthorized());
    }
}
