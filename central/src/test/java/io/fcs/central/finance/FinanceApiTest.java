package io.fcs.central.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.sync.RecordIngestion;
import io.fcs.central.sync.SimTerminal;
import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

class FinanceApiTest extends CentralTest {

    static final String UID = "04C0FFEE000001";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    AuditLog audit;

    @Autowired
    RecordIngestion ingestion;

    private FestivalId festival;
    private String finance;
    private final WalletId wallet = WalletId.random();
    private SimTerminal kiosk;
    private SimTerminal bar;

    /** A festival where a kiosk took 10.00 cash and a bar sold 4.00 online and 8.00 offline. */
    @BeforeEach
    void festivalWithAnOfflineOverspend() {
        festival = FestivalId.of(TestFestivals.create(jdbc));
        finance = "Bearer " + tokens.token(UUID.randomUUID(), List.of(festival.value()), Role.FINANCE);
        Map<String, Long> chips = new HashMap<>();
        kiosk = SimTerminal.create(festival, chips).enrol(jdbc);
        bar = SimTerminal.create(festival, chips).enrol(jdbc);
        ingestion.ingest(
                SimTerminal.batch(List.of(kiosk.topUp(UID, wallet, 1_000, PaymentMethod.CASH))), Optional.empty());
        ingestion.ingest(
                SimTerminal.batch(List.of(
                        bar.sale(UID, wallet, 400, Authority.EDGE), bar.sale(UID, wallet, 800, Authority.OFFLINE))),
                Optional.empty());
    }

    private String path(String rest) {
        return "/finance/festivals/" + festival + rest;
    }

    @Test
    void reconciliationShowsTheConservationFiguresComputedFromTheLedger() throws Exception {
        mvc.perform(get(path("/reconciliation")).header("Authorization", finance))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.festivalId").value(festival.toString()))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.topUpsCents").value(1_000))
                .andExpect(jsonPath("$.salesCents").value(1_200))
                .andExpect(jsonPath("$.refundsCents").value(0))
                .andExpect(jsonPath("$.adjustmentsCents").value(0))
                .andExpect(jsonPath("$.walletBalancesCents").value(0))
                .andExpect(jsonPath("$.offlineExposureCents").value(200))
                .andExpect(jsonPath("$.pendingCents").value(200))
                .andExpect(jsonPath("$.conservationHolds").value(true))
                .andExpect(jsonPath("$.records.received").value(3))
                .andExpect(jsonPath("$.records.applied").value(3))
                .andExpect(jsonPath("$.records.duplicatesAbsorbed").value(0))
                .andExpect(jsonPath("$.records.refused").value(0))
                .andExpect(jsonPath("$.gaps.length()").value(0))
                .andExpect(jsonPath("$.forks.length()").value(0))
                .andExpect(jsonPath("$.reviewItems[0].kind").value("OFFLINE_SHORTFALL"))
                .andExpect(jsonPath("$.pointsOfSale[0].salesCents").value(1_200))
                .andExpect(jsonPath("$.cashierShifts[0].drawerCents").value(1_000))
                .andExpect(jsonPath("$.terminals.length()").value(2));
    }

    @Test
    void anOnlineTopUpIsPendingUntilAnOnlineTopUpRecordLoadsItOntoTheChipAndMovesNoMoney() throws Exception {
        String attendee = "Bearer " + tokens.token(UUID.randomUUID(), List.of(), Role.ATTENDEE);
        String band = "04C0FFEE000002";
        String account = read(
                mvc.perform(post("/cashless/wristbands")
                                .header("Authorization", attendee)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"festivalId\":\"%s\",\"uid\":\"%s\"}".formatted(festival, band)))
                        .andExpect(status().isOk()),
                "$.accountId");
        mvc.perform(post("/cashless/topup")
                        .header("Authorization", attendee)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"festivalId\":\"%s\",\"amountCents\":1500,\"method\":\"CARD\"}".formatted(festival)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.pendingCents").value(1_500));

        mvc.perform(get(path("/reconciliation")).header("Authorization", finance))
                .andExpect(jsonPath("$.topUpsCents").value(2_500))
                .andExpect(jsonPath("$.walletBalancesCents").value(1_500))
                .andExpect(jsonPath("$.pendingCents").value(1_700))
                .andExpect(jsonPath("$.conservationHolds").value(true));

        ingestion.ingest(
                SimTerminal.batch(List.of(kiosk.topUp(band, WalletId.parse(account), 1_500, PaymentMethod.ONLINE))),
                Optional.empty());

        mvc.perform(get(path("/reconciliation")).header("Authorization", finance))
                .andExpect(jsonPath("$.topUpsCents").value(2_500))
                .andExpect(jsonPath("$.walletBalancesCents").value(1_500))
                .andExpect(jsonPath("$.pendingCents").value(200))
                .andExpect(jsonPath("$.records.applied").value(4))
                .andExpect(jsonPath("$.conservationHolds").value(true));
        assertThat(ledger.balance(festival, AccountKey.pendingCredits(), Currency.EUR)
                        .minor())
                .isZero();
    }

    @Test
    void writingOffTheExposureIsAnAuditedPostingAndConservationStillHolds() throws Exception {
        String item = read(mvc.perform(get(path("/review-items")).header("Authorization", finance)), "$[0].id");

        mvc.perform(post(path("/review-items/" + item + "/actions"))
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"WRITE_OFF\",\"reason\":\"festival absorbs the loss\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESOLVED"));

        assertThat(ledger.balance(festival, AccountKey.offlineExposure(wallet), Currency.EUR)
                        .minor())
                .isZero();
        mvc.perform(get(path("/reconciliation")).header("Authorization", finance))
                .andExpect(jsonPath("$.offlineExposureCents").value(0))
                .andExpect(jsonPath("$.adjustmentsCents").value(200))
                .andExpect(jsonPath("$.conservationHolds").value(true))
                .andExpect(jsonPath("$.reviewItems.length()").value(0));
        audit.flush();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE festival_id = :f AND action = :a")
                        .param("f", festival.value())
                        .param("a", "ledger.exposure.written_off")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        mvc.perform(post(path("/review-items/" + item + "/actions"))
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"WRITE_OFF\",\"reason\":\"twice\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    void blockingTheWristbandOfAReviewItemPutsItOnTheDenyList() throws Exception {
        String item = read(mvc.perform(get(path("/review-items")).header("Authorization", finance)), "$[0].id");

        mvc.perform(post(path("/review-items/" + item + "/actions"))
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"action\":\"BLOCK_WRISTBAND\",\"reason\":\"owes 2.00\"}"))
                .andExpect(status().isOk());

        mvc.perform(get("/sync/v1/festivals/{f}/deny-list", festival.value()))
                .andExpect(jsonPath("$.wristbands[0].uid").value(UID.toLowerCase()))
                .andExpect(jsonPath("$.wristbands[0].reason").value("owes 2.00"));
    }

    @Test
    void anAdjustmentNeedsAReasonAndCannotOverdrawAWallet() throws Exception {
        String adjust = path("/adjustments");
        String body = "{\"walletId\":\"%s\",\"amountCents\":%d,\"reason\":%s}";
        mvc.perform(post(adjust)
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(wallet, 500, "null")))
                .andExpect(status().isBadRequest());
        mvc.perform(post(adjust)
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(wallet, -500, "\"typo\"")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("insufficient_funds"));
        mvc.perform(post(adjust)
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(wallet, Long.MIN_VALUE, "\"overflow\"")))
                .andExpect(status().isBadRequest());
        mvc.perform(post(adjust)
                        .header("Authorization", finance)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(wallet, 500, "\"goodwill\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balanceCents").value(300));
        // the credit covered the open exposure of 2.00 first
        mvc.perform(get(path("/reconciliation")).header("Authorization", finance))
                .andExpect(jsonPath("$.offlineExposureCents").value(0))
                .andExpect(jsonPath("$.walletBalancesCents").value(300))
                .andExpect(jsonPath("$.conservationHolds").value(true));
    }

    @Test
    void theFecExportHasTheEighteenLegalColumnsAndBalancedCommaAmounts() throws Exception {
        String fec = mvc.perform(get(path("/exports/fec")).header("Authorization", finance))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/plain;charset=UTF-8"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        String[] lines = fec.split("\r\n");
        assertThat(lines[0].split("\t")).containsExactlyElementsOf(Exports.FEC_COLUMNS);
        long debit = 0;
        long credit = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] columns = lines[i].split("\t", -1);
            assertThat(columns).hasSize(18);
            assertThat(columns[3]).matches("\\d{8}");
            assertThat(columns[11]).matches("\\d+,\\d{2}");
            debit += Long.parseLong(columns[11].replace(",", ""));
            credit += Long.parseLong(columns[12].replace(",", ""));
        }
        assertThat(debit).isEqualTo(credit).isPositive();
        assertThat(fec)
                .contains("\t707000\t")
                .contains("\t419100\t")
                .contains("\t467200\t")
                .contains("10,00");
    }

    @Test
    void theCsvExportHasOneRowPerLine() throws Exception {
        String csv = mvc.perform(get(path("/exports/csv")).header("Authorization", finance))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(csv).startsWith(Exports.CSV_HEADER);
        assertThat(csv.split("\r\n"))
                .hasSize(1
                        + ledger.journal(festival).stream()
                                .mapToInt(e -> e.lines().size())
                                .sum());
    }

    @Test
    void onlyFinanceAndAdminOfTheFestivalSeeItsBooks() throws Exception {
        mvc.perform(get(path("/reconciliation")).header("Authorization", tokens.bearer(Role.ATTENDEE)))
                .andExpect(status().isForbidden());
        mvc.perform(get(path("/reconciliation")).header("Authorization", tokens.bearer(Role.BAR_STAFF)))
                .andExpect(status().isForbidden());
        mvc.perform(get(path("/reconciliation"))).andExpect(status().isUnauthorized());
        String otherFestivalsFinance =
                "Bearer " + tokens.token(UUID.randomUUID(), List.of(UUID.randomUUID()), Role.FINANCE);
        mvc.perform(get(path("/reconciliation")).header("Authorization", otherFestivalsFinance))
                .andExpect(status().isNotFound());
        mvc.perform(get("/finance/festivals/{f}/reconciliation", UUID.randomUUID())
                        .header("Authorization", tokens.bearer(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/finance/festivals/not-a-uuid/reconciliation")
                        .header("Authorization", tokens.bearer(Role.ADMIN)))
                .andExpect(status().isBadRequest());
        mvc.perform(get(path("/reconciliation")).header("Authorization", tokens.bearer(Role.ADMIN)))
                .andExpect(status().isOk());
    }
}
