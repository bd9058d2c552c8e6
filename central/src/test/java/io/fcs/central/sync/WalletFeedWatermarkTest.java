package io.fcs.central.sync;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The wallet feed says, per terminal, up to which sequence its balances include the terminal's
 * records (decision 0231), so an edge releases exactly the local deltas central already counts.
 */
class WalletFeedWatermarkTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordIngestion ingestion;

    private FestivalId festival;
    private SimTerminal kiosk;
    private SimTerminal bar;

    @BeforeEach
    void festival() {
        festival = FestivalId.of(TestFestivals.create(jdbc));
        kiosk = SimTerminal.create(festival).enrol(jdbc);
        bar = SimTerminal.create(festival).enrol(jdbc);
    }

    private String watermarkOf(SimTerminal terminal) {
        return "$.watermarks[?(@.terminalId=='%s')].watermark".formatted(terminal.id);
    }

    @Test
    void everyRecordUnderATerminalsWatermarkIsInTheBalancesOfTheSameAnswer() throws Exception {
        WalletId wallet = WalletId.random();
        String uid = "04000000000a01";
        ingestion.ingest(
                SimTerminal.batch(List.of(kiosk.topUp(uid, wallet, 2_000, PaymentMethod.CASH))), Optional.empty());
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", "0"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.wallets[0].balanceCents").value(2_000))
                .andExpect(jsonPath(watermarkOf(kiosk)).value(1))
                .andExpect(jsonPath(watermarkOf(bar)).isEmpty());

        SignedRecord second = kiosk.topUp(uid, wallet, 500, PaymentMethod.CASH);
        SignedRecord third = kiosk.topUp(uid, wallet, 300, PaymentMethod.CASH);
        // the third arrives first: held beyond the gap, in no balance, under no watermark
        ingestion.ingest(SimTerminal.batch(List.of(third)), Optional.empty());
        ingestion.ingest(SimTerminal.batch(List.of(bar.sale(uid, wallet, 450, Authority.EDGE))), Optional.empty());
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", "0"))
                .andExpect(jsonPath("$.wallets[0].balanceCents").value(1_550))
                .andExpect(jsonPath(watermarkOf(kiosk)).value(1))
                .andExpect(jsonPath(watermarkOf(bar)).value(1));

        ingestion.ingest(SimTerminal.batch(List.of(second)), Optional.empty());
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", "0"))
                .andExpect(jsonPath("$.wallets[0].balanceCents").value(2_350))
                .andExpect(jsonPath(watermarkOf(kiosk)).value(3));
    }

    @Test
    void anAnswerWithNoChangedWalletStillCarriesTheWatermarks() throws Exception {
        WalletId wallet = WalletId.random();
        ingestion.ingest(
                SimTerminal.batch(List.of(kiosk.topUp("04000000000a02", wallet, 700, PaymentMethod.CARD))),
                Optional.empty());
        Number version = read(
                mvc.perform(
                        get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", "0")),
                "$.version");
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", version.toString()))
                .andExpect(jsonPath("$.wallets.length()").value(0))
                .andExpect(jsonPath(watermarkOf(kiosk)).value(1));
    }

    @Test
    void terminalsOfOtherFestivalsAreNotListed() throws Exception {
        FestivalId other = FestivalId.of(TestFestivals.create(jdbc));
        SimTerminal stranger = SimTerminal.create(other).enrol(jdbc);
        ingestion.ingest(
                SimTerminal.batch(
                        List.of(stranger.topUp("04000000000a03", WalletId.random(), 100, PaymentMethod.CASH))),
                Optional.empty());
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", "0"))
                .andExpect(jsonPath("$.watermarks.length()").value(0));
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", other.value()).param("since", "0"))
                .andExpect(jsonPath(watermarkOf(stranger)).value(1));
    }
}
