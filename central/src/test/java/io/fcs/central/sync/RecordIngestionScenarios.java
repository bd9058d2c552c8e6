package io.fcs.central.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.central.wallet.Wallet;
import io.fcs.central.wallet.Wallets;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.SequenceRange;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.ChipCounters;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.RecordSigner;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.WristbandUid;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How central ingests terminal records, written once and run on both databases: on H2
 * ({@link RecordIngestionTest}) and on PostgreSQL ({@link RecordIngestionPostgresIT}), where the
 * multi-row inserts, their conflict branches and the set-based applied marks take other SQL.
 */
abstract class RecordIngestionScenarios extends CentralTest {

    static final String UID = "04A1B2C3D4E5F6";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    Wallets wallets;

    @Autowired
    RecordIngestion ingestion;

    @Autowired
    PlatformTransactionManager transactions;

    private FestivalId festival;
    private SimTerminal kiosk;
    private SimTerminal bar;
    private final WalletId walletId = WalletId.random();

    @BeforeEach
    void festivalWithTwoTerminals() {
        festival = FestivalId.of(TestFestivals.create(jdbc));
        Map<String, Long> chips = new HashMap<>();
        kiosk = SimTerminal.create(festival, chips).enrol(jdbc);
        bar = SimTerminal.create(festival, chips).enrol(jdbc);
    }

    private WatermarkAck send(List<SignedRecord> records) throws Exception {
        return send(SimTerminal.batch(records));
    }

    private WatermarkAck send(byte[] batch) throws Exception {
        byte[] answer = mvc.perform(post("/sync/v1/records")
                        .header("Fcs-Edge-Id", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(batch))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        return switch (SimTerminal.CODEC.decode(answer, WatermarkAck.class)) {
            case DecodeResult.Decoded<WatermarkAck> decoded -> decoded.message();
            case DecodeResult.Refused<WatermarkAck> refused -> throw new AssertionError(refused.toString());
        };
    }

    private long reviewItems(ReviewKind kind) {
        return jdbc.sql("SELECT COUNT(*) FROM review_item WHERE festival_id = :f AND kind = :k")
                .param("f", festival.value())
                .param("k", kind.name())
                .query(Long.class)
                .single();
    }

    private String wristbandStatus() {
        return jdbc.sql("SELECT status FROM cashless_wristband WHERE festival_id = :f AND uid = :u")
                .param("f", festival.value())
                .param("u", UID.toLowerCase())
                .query(String.class)
                .single();
    }

    private long wallet() {
        return ledger.balance(festival, AccountKey.wallet(walletId), Currency.EUR)
                .minor();
    }

    private long exposure() {
        return ledger.balance(festival, AccountKey.offlineExposure(walletId), Currency.EUR)
                .minor();
    }

    private long revenue(SimTerminal terminal) {
        return ledger.balance(festival, AccountKey.posRevenue(terminal.id.value()), Currency.EUR)
                .minor();
    }

    @Test
    void aBatchPostsEachRecordAndAcksTheHighestContiguousSequence() throws Exception {
        SignedRecord cash = kiosk.topUp(UID, walletId, 2_000, PaymentMethod.CASH);
        SignedRecord card = kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CARD);

        WatermarkAck ack = send(List.of(cash, card));
        WatermarkAck sold = send(List.of(bar.sale(UID, walletId, 450, Authority.EDGE)));

        assertThat(ack).isEqualTo(WatermarkAck.upTo(kiosk.id, 2));
        assertThat(sold.watermark()).isEqualTo(1);
        assertThat(wallet()).isEqualTo(2_550);
        assertThat(revenue(bar)).isEqualTo(450);
        assertThat(ledger.balance(festival, AccountKey.cashDrawer(kiosk.shift.value()), Currency.EUR))
                .isEqualTo(Money.eur(2_000));
        assertThat(ledger.balance(festival, AccountKey.pspClearing(), Currency.EUR))
                .isEqualTo(Money.eur(1_000));
        Wallet wallet = wallets.byWristband(festival, UID.toLowerCase()).orElseThrow();
        assertThat(wallet.id()).isEqualTo(walletId);
        assertThat(wallets.balance(wallet).pending()).isEqualTo(Money.eur(0));
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void aBatchOfSalesPostsTogetherAndAWalletRunningShortGetsTheSameBooksAsOneByOne() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CASH)));

        WatermarkAck covered = send(List.of(
                bar.sale(UID, walletId, 100, Authority.EDGE),
                bar.sale(UID, walletId, 200, Authority.EDGE),
                bar.sale(UID, walletId, 100, Authority.EDGE)));
        WatermarkAck shortOfMoney = send(List.of(
                bar.sale(UID, walletId, 300, Authority.EDGE),
                bar.sale(UID, walletId, 200, Authority.OFFLINE),
                bar.sale(UID, walletId, 250, Authority.OFFLINE)));

        assertThat(covered.watermark()).isEqualTo(3);
        assertThat(shortOfMoney.watermark()).isEqualTo(6);
        assertThat(wallet()).isZero();
        assertThat(exposure()).isEqualTo(150);
        assertThat(revenue(bar)).isEqualTo(1_150);
        assertThat(jdbc.sql("SELECT chip_balance FROM cashless_wallet WHERE id = :w")
                        .param("w", walletId.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1_000 - 1_150);
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void aBatchIngestedInsideACallersTransactionGoesTheClassicWayAndTheCallerCommits() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CASH)));
        byte[] shortOfMoney = SimTerminal.batch(List.of(
                bar.sale(UID, walletId, 900, Authority.EDGE),
                bar.sale(UID, walletId, 200, Authority.OFFLINE),
                bar.sale(UID, walletId, 50, Authority.OFFLINE)));

        WatermarkAck ack = new TransactionTemplate(transactions).execute(status -> {
            WatermarkAck inside = ingestion.ingest(shortOfMoney, Optional.empty());
            assertThat(status.isRollbackOnly()).isFalse();
            return inside;
        });

        assertThat(ack.watermark()).isEqualTo(3);
        assertThat(wallet()).isZero();
        assertThat(exposure()).isEqualTo(150);
        assertThat(revenue(bar)).isEqualTo(1_150);
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void everyRecordOfABatchOfSalesIsStoredAppliedWithTheEntryItPosted() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 10_000, PaymentMethod.CASH)));
        List<SignedRecord> sales = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sales.add(bar.sale(UID, walletId, 10 + i, Authority.EDGE));
        }

        assertThat(send(sales)).isEqualTo(WatermarkAck.upTo(bar.id, 30));

        List<String> mismatched =
                jdbc.sql("""
                        SELECT r.sequence FROM sync_record r LEFT JOIN journal_entry e ON e.id = r.entry_id
                        WHERE r.terminal_id = :t AND (r.status <> 'APPLIED' OR e.id IS NULL
                            OR e.idempotency_key <> CONCAT('rec:', CAST(r.terminal_id AS VARCHAR(36)), ':',
                                CAST(r.sequence AS VARCHAR(20))))
                        """).param("t", bar.id.value()).query(String.class).list();
        assertThat(mismatched).isEmpty();
        assertThat(revenue(bar)).isEqualTo(30 * 10 + 29 * 30 / 2);
        assertThat(wallet()).isEqualTo(10_000 - (30 * 10 + 29 * 30 / 2));
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void aBatchOfSalesWritesItsWalletsChipStateUnderTheFestivalsNextChangeVersion() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 10_000, PaymentMethod.CASH)));
        long before = changeVersion();
        List<SignedRecord> sales = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sales.add(bar.sale(UID, walletId, 100, Authority.EDGE));
        }

        send(sales);

        assertThat(changeVersion()).isGreaterThan(before);
        assertThat(walletRow("version")).isEqualTo(changeVersion());
        assertThat(walletRow("chip_balance")).isEqualTo(10_000 - 20 * 100);

        // a festival whose version row is not there yet: the batch makes it
        jdbc.sql("DELETE FROM festival_change WHERE festival_id = :f")
                .param("f", festival.value())
                .update();
        send(List.of(bar.sale(UID, walletId, 100, Authority.EDGE), bar.sale(UID, walletId, 100, Authority.EDGE)));

        assertThat(changeVersion()).isPositive();
        assertThat(walletRow("version")).isEqualTo(changeVersion());
        assertThat(walletRow("chip_balance")).isEqualTo(10_000 - 22 * 100);
        assertThat(wallet()).isEqualTo(10_000 - 22 * 100);
    }

    private long changeVersion() {
        return jdbc.sql("SELECT version FROM festival_change WHERE festival_id = :f")
                .param("f", festival.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    private long walletRow(String column) {
        return jdbc.sql("SELECT " + column + " FROM cashless_wallet WHERE id = :w")
                .param("w", walletId.value())
                .query(Long.class)
                .single();
    }

    @Test
    void resendingABatchIsAbsorbedAndPostsNothingMore() throws Exception {
        List<SignedRecord> records = List.of(kiosk.topUp(UID, walletId, 2_000, PaymentMethod.CASH));
        send(records);

        WatermarkAck again = send(records);

        assertThat(again).isEqualTo(WatermarkAck.upTo(kiosk.id, 1));
        assertThat(wallet()).isEqualTo(2_000);
        assertThat(jdbc.sql("SELECT duplicates FROM sync_terminal WHERE terminal_id = :t")
                        .param("t", kiosk.id.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void recordsBeyondAGapWaitAndPostOnceTheGapIsFilled() throws Exception {
        SignedRecord first = kiosk.topUp(UID, walletId, 100, PaymentMethod.CASH);
        SignedRecord second = kiosk.topUp(UID, walletId, 200, PaymentMethod.CASH);
        SignedRecord third = kiosk.topUp(UID, walletId, 400, PaymentMethod.CASH);

        WatermarkAck early = send(List.of(third));
        assertThat(early.watermark()).isEqualTo(WatermarkAck.NOTHING);
        assertThat(early.missing()).containsExactly(SequenceRange.of(1, 2));
        assertThat(wallet()).isZero();

        WatermarkAck filled = send(List.of(first, second));
        assertThat(filled).isEqualTo(WatermarkAck.upTo(kiosk.id, 3));
        assertThat(wallet()).isEqualTo(700);
    }

    @Test
    void otherBytesOnASettledSequenceAreRefusedAndAlerted() throws Exception {
        SimTerminal twin = new SimTerminal(festival, new Random(1), new HashMap<>());
        send(List.of(kiosk.topUp(UID, walletId, 100, PaymentMethod.CASH)));
        // the same terminal key signs another record for sequence 1: a restored or cloned terminal
        SignedRecord other = new RecordSigner(kiosk.key)
                .sign(twin.next(RecordKind.TOP_UP, b -> b.terminal(kiosk.id)
                                .wristband(WristbandUid.parse(UID))
                                .amount(Money.eur(9_999))
                                .payment(PaymentMethod.CASH))
                        .record());

        WatermarkAck ack = send(List.of(other));

        assertThat(ack.refused()).containsExactly(new RefusedRecord(1, RefusedRecord.Reason.CONFLICTING_DUPLICATE));
        assertThat(wallet()).isEqualTo(100);
        assertThat(reviewItems(ReviewKind.CONFLICTING_RECORD)).isEqualTo(1);
    }

    @Test
    void aForgedRecordPostsNothingAndIsAlerted() throws Exception {
        SignedRecord genuine = kiosk.topUp(UID, walletId, 100, PaymentMethod.CASH);
        SignedRecord forged = new RecordSigner(Ed25519.generate()).sign(genuine.record());

        WatermarkAck ack = send(List.of(forged));

        assertThat(ack.watermark()).isEqualTo(WatermarkAck.NOTHING);
        assertThat(ack.refused()).containsExactly(new RefusedRecord(1, RefusedRecord.Reason.BAD_SIGNATURE));
        assertThat(wallet()).isZero();
        assertThat(send(List.of(genuine)).watermark()).isEqualTo(1);
        assertThat(wallet()).isEqualTo(100);
    }

    @Test
    void recordsOfARevokedTerminalSignedAfterItsRevocationPostNothing() throws Exception {
        SignedRecord before = kiosk.topUp(UID, walletId, 100, PaymentMethod.CASH);
        SignedRecord after = kiosk.topUp(UID, walletId, 500, PaymentMethod.CASH);
        jdbc.sql("UPDATE device SET status = 'REVOKED', revoked_at = :at, revocation_reason = 'stolen' WHERE id = :id")
                .param("at", before.record().time().plusSeconds(1).atOffset(ZoneOffset.UTC))
                .param("id", kiosk.id.value())
                .update();

        WatermarkAck ack = send(List.of(before, after));

        assertThat(ack.watermark()).isEqualTo(2);
        assertThat(ack.refused()).containsExactly(new RefusedRecord(2, RefusedRecord.Reason.TERMINAL_REVOKED));
        assertThat(wallet()).isEqualTo(100);
        assertThat(reviewItems(ReviewKind.REVOKED_TERMINAL)).isEqualTo(1);
    }

    @Test
    void aTerminalRevokedAfterItsKeyWasKeptPostsNothingSignedAfterItsRevocation() throws Exception {
        assertThat(send(List.of(kiosk.topUp(UID, walletId, 100, PaymentMethod.CASH)))
                        .watermark())
                .isEqualTo(1);
        SignedRecord after = kiosk.topUp(UID, walletId, 500, PaymentMethod.CASH);
        jdbc.sql("UPDATE device SET status = 'REVOKED', revoked_at = :at, revocation_reason = 'stolen' WHERE id = :id")
                .param("at", after.record().time().minusSeconds(1).atOffset(ZoneOffset.UTC))
                .param("id", kiosk.id.value())
                .update();

        WatermarkAck ack = send(List.of(after));

        assertThat(ack.refused()).containsExactly(new RefusedRecord(2, RefusedRecord.Reason.TERMINAL_REVOKED));
        assertThat(wallet()).isEqualTo(100);
    }

    @Test
    void aTerminalUnknownAtItsFirstBatchIsKnownOnceEnrolled() throws Exception {
        SimTerminal late = SimTerminal.create(festival);
        SignedRecord topUp = late.topUp(UID, walletId, 700, PaymentMethod.CASH);

        assertThat(send(List.of(topUp)).refused())
                .containsExactly(new RefusedRecord(1, RefusedRecord.Reason.UNKNOWN_TERMINAL));
        assertThat(wallet()).isZero();

        late.enrol(jdbc);
        assertThat(send(List.of(topUp)).watermark()).isEqualTo(1);
        assertThat(wallet()).isEqualTo(700);
    }

    @Test
    void anOfflineSaleBeyondTheBalanceGoesToExposureAndALaterTopUpCoversIt() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 300, PaymentMethod.CASH)));

        send(List.of(bar.sale(UID, walletId, 500, Authority.OFFLINE)));
        assertThat(wallet()).isZero();
        assertThat(exposure()).isEqualTo(200);
        assertThat(revenue(bar)).isEqualTo(500);

        send(List.of(kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CARD)));
        assertThat(wallet()).isEqualTo(800);
        assertThat(exposure()).isZero();
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void aVoidReversesTheSaleItCancels() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CASH)));
        SignedRecord sale = bar.sale(UID, walletId, 400, Authority.EDGE);

        send(List.of(sale, bar.voidOf(sale)));

        assertThat(wallet()).isEqualTo(1_000);
        assertThat(revenue(bar)).isZero();
        WatermarkAck again = send(List.of(bar.voidOf(sale)));
        assertThat(again.refused()).containsExactly(new RefusedRecord(3, RefusedRecord.Reason.POLICY));
        assertThat(wallet()).isEqualTo(1_000);
    }

    @Test
    void aForgedLastRecordIsNotPostedThoughItsBatchWasWrittenWhileTheSignaturesWereChecked() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 100_000, PaymentMethod.CASH)));
        List<SignedRecord> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(bar.sale(UID, walletId, 100, Authority.EDGE));
        }
        SignedRecord genuineLast = sent.getLast();
        sent.set(39, new RecordSigner(Ed25519.generate()).sign(genuineLast.record()));

        WatermarkAck ack = send(sent);

        assertThat(ack.watermark()).isEqualTo(39);
        assertThat(ack.refused()).containsExactly(new RefusedRecord(40, RefusedRecord.Reason.BAD_SIGNATURE));
        assertThat(revenue(bar)).isEqualTo(39 * 100);
        assertThat(wallet()).isEqualTo(100_000 - 39 * 100);
        assertThat(reviewItems(ReviewKind.FORGED_RECORD)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_refusal WHERE terminal_id = :t")
                        .param("t", bar.id.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE terminal_id = :t")
                        .param("t", bar.id.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(39);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM journal_entry WHERE festival_id = :f AND terminal_id = :t")
                        .param("f", festival.value())
                        .param("t", bar.id.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(39);
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();

        assertThat(send(List.of(genuineLast))).isEqualTo(WatermarkAck.upTo(bar.id, 40));
        assertThat(revenue(bar)).isEqualTo(40 * 100);
    }

    @Test
    void aForgedRecordAmongGoodOnesIsRefusedAloneAndTheRecordsAfterItWaitForTheGenuineOne() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 100_000, PaymentMethod.CASH)));
        List<SignedRecord> genuine = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            genuine.add(bar.sale(UID, walletId, 100, Authority.EDGE));
        }
        List<SignedRecord> sent = new ArrayList<>(genuine);
        sent.set(19, new RecordSigner(Ed25519.generate()).sign(genuine.get(19).record()));

        WatermarkAck ack = send(sent);

        assertThat(ack.watermark()).isEqualTo(19);
        assertThat(ack.refused()).containsExactly(new RefusedRecord(20, RefusedRecord.Reason.BAD_SIGNATURE));
        assertThat(revenue(bar)).isEqualTo(19 * 100);
        assertThat(reviewItems(ReviewKind.FORGED_RECORD)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE terminal_id = :t AND status = 'HELD'")
                        .param("t", bar.id.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(20);

        WatermarkAck filled = send(List.of(genuine.get(19)));

        assertThat(filled).isEqualTo(WatermarkAck.upTo(bar.id, 40));
        assertThat(revenue(bar)).isEqualTo(40 * 100);
        assertThat(wallet()).isEqualTo(100_000 - 40 * 100);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE terminal_id = :t AND status = 'APPLIED'"
                                + " AND entry_id IS NOT NULL")
                        .param("t", bar.id.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(40);
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void aRecordIdHeldByAnotherRecordIsRefusedAndAlertedWhileItsBatchIsKept() throws Exception {
        SignedRecord topUp = kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CASH);
        send(List.of(topUp));
        SignedRecord reused = bar.next(RecordKind.SALE, b -> b.id(topUp.record().id())
                .wristband(WristbandUid.parse(UID))
                .amount(Money.eur(100))
                .line("BEER", 1, Money.eur(100))
                .chip(ChipCounters.of(40, 41)));
        SignedRecord after = bar.sale(UID, walletId, 200, Authority.EDGE);

        WatermarkAck ack = send(List.of(reused, after));

        assertThat(ack.watermark()).isEqualTo(WatermarkAck.NOTHING);
        assertThat(ack.refused()).containsExactly(new RefusedRecord(1, RefusedRecord.Reason.CONFLICTING_DUPLICATE));
        assertThat(wallet()).isEqualTo(1_000);
        assertThat(jdbc.sql("SELECT status FROM sync_record WHERE terminal_id = :t AND sequence = 2")
                        .param("t", bar.id.value())
                        .query(String.class)
                        .single())
                .isEqualTo("HELD");
        assertThat(reviewItems(ReviewKind.CONFLICTING_RECORD)).isEqualTo(1);
    }

    @Test
    void aChipCounterSpentTwiceWithinABatchOfSalesIsOneDoubleSpend() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CASH)));
        // a copy of the chip as it was before the top-up: its first sale reuses counter 0
        SimTerminal otherBar = SimTerminal.create(festival).enrol(jdbc);

        WatermarkAck ack = send(List.of(
                otherBar.sale(UID, walletId, 100, Authority.OFFLINE),
                otherBar.sale(UID, walletId, 100, Authority.OFFLINE)));

        assertThat(ack.watermark()).isEqualTo(2);
        assertThat(revenue(otherBar)).isEqualTo(200);
        assertThat(reviewItems(ReviewKind.DOUBLE_SPEND)).isEqualTo(1);
        assertThat(wristbandStatus()).isEqualTo("BLOCKED");
    }

    @Test
    void aChipCounterSpentTwiceIsADoubleSpendAndBlocksTheWristband() throws Exception {
        send(List.of(kiosk.topUp(UID, walletId, 1_000, PaymentMethod.CASH)));
        SimTerminal otherBar = SimTerminal.create(festival).enrol(jdbc);
        // the other bar sees a copy of the chip as it was before the top-up: counter 0 again
        send(List.of(otherBar.sale(UID, walletId, 100, Authority.OFFLINE)));

        assertThat(wristbandStatus()).isEqualTo("BLOCKED");
        assertThat(reviewItems(ReviewKind.DOUBLE_SPEND)).isEqualTo(1);
    }

    @Test
    void aTerminalCentralDoesNotKnowGetsEveryRecordRefused() throws Exception {
        SimTerminal stranger = SimTerminal.create(festival);

        WatermarkAck ack = send(List.of(stranger.topUp(UID, walletId, 100, PaymentMethod.CASH)));

        assertThat(ack.refused()).containsExactly(new RefusedRecord(1, RefusedRecord.Reason.UNKNOWN_TERMINAL));
        assertThat(wallet()).isZero();
    }

    @Test
    void garbageIsAMalformedBatchProblemAndChangesNothing() throws Exception {
        long before =
                jdbc.sql("SELECT COUNT(*) FROM sync_record").query(Long.class).single();
        for (byte[] garbage : List.of(new byte[] {1, 2, 3}, new byte[0], "{\"json\":true}".getBytes())) {
            mvc.perform(post("/sync/v1/records")
                            .contentType(MediaType.APPLICATION_OCTET_STREAM)
                            .content(garbage))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("malformed_batch"));
        }
        byte[] truncated = SimTerminal.batch(List.of(kiosk.topUp(UID, walletId, 100, PaymentMethod.CASH)));
        mvc.perform(post("/sync/v1/records")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(Arrays.copyOf(truncated, truncated.length - 5)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed_batch"));
        mvc.perform(post("/sync/v1/records")
                        .header("Fcs-Edge-Id", "not-a-uuid")
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content(truncated))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }
}
