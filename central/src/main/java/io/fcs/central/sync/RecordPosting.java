package io.fcs.central.sync;

import io.fcs.central.jdbc.MultiRow;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.JournalEntry;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.ledger.PostingResult;
import io.fcs.central.wallet.Wallet;
import io.fcs.central.wallet.Wallets;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.ChipCounters;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordDecoding;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What each kind of terminal record posts (docs/sync.md, "What each record kind posts"). Runs in
 * the batch's transaction; a record is applied at most once because its entry's idempotency key is
 * {@code rec:<terminal>:<sequence>} and the ingestion applies each sequence once.
 */
@Component
class RecordPosting {

    /** What applying a record came to. */
    sealed interface Outcome permits Applied, Refused {}

    /** Applied; the journal entry it posted, if it moves money. */
    record Applied(Optional<UUID> entry) implements Outcome {}

    /** Authentic but against a ledger rule: settled as refused (POLICY), with a review item. */
    record Refused(String detail) implements Outcome {}

    private final Ledger ledger;
    private final Wallets wallets;
    private final ReviewItems reviews;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock = Clock.systemUTC();

    RecordPosting(Ledger ledger, Wallets wallets, ReviewItems reviews, JdbcClient jdbc, JdbcTemplate template) {
        this.ledger = ledger;
        this.wallets = wallets;
        this.reviews = reviews;
        this.jdbc = jdbc;
        this.template = template;
    }

    static String entryKey(TransactionRecord record) {
        return "rec:" + record.terminal() + ":" + record.sequence();
    }

    static String uid(TransactionRecord record) {
        return record.wristband()
                .map(uid -> Bytes.hex(uid.bytes()).toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    /**
     * Applies one verified, chained record. {@code touched} collects the wallets whose replicated
     * state changed (the caller gives them the batch's change version).
     */
    Outcome apply(SignedRecord signed, UUID pointOfSale, Set<WalletId> touched) {
        TransactionRecord record = signed.record();
        FestivalId festival = record.festival();
        return switch (record.kind()) {
            case TOP_UP -> topUp(record, touched);
            case SALE -> spend(record, touched, EntryCategory.SALE, AccountKey.posRevenue(pointOfSale));
            case REFUND -> refund(record, touched);
            case VOID -> voidRecord(record, pointOfSale, touched);
            case BIND -> bind(record, touched);
            case REPLACE -> replace(record, touched);
            case CHECK_IN -> checkIn(record);
            case SHIFT_OPEN -> drawer(record, festival, AccountKey.cashSafe(), drawerOf(record), "Opening float");
            case CASH_DROP ->
                drawer(record, festival, drawerOf(record), AccountKey.cashSafe(), "Cash drop to the safe");
            case SHIFT_CLOSE -> closeShift(record);
        };
    }

    /** Whether a record may go through {@link #applySales}: a sale of a positive amount by wristband. */
    static boolean saleByWristband(TransactionRecord record) {
        return record.kind() == RecordKind.SALE
                && uid(record) != null
                && record.amount().isPositive();
    }

    /**
     * Applies a run of sales set-based (decision 0143): one {@link Ledger#postAll} of their entries
     * (wallet → point of sale), one chip-state update per wallet, one batched chip-counter claim.
     * {@code linked} holds the wallets of their wristbands, read just before. Answers the entry id
     * of each record in order, or empty when a wallet cannot cover its sales of the run (or any
     * entry is refused): then nothing of the run was changed and the caller applies it record by
     * record with {@link #apply}, which decides the offline shortfall exactly.
     */
    Optional<List<UUID>> applySales(
            List<SignedRecord> run, UUID pointOfSale, Set<WalletId> touched, Map<String, Wallet> linked) {
        return applySales(run, pointOfSale, touched, linked, null);
    }

    /**
     * What a run of sales posted inside its caller's savepoint leaves to the caller: the wallets'
     * chip states (delta, highest counter per wallet), which the caller writes with the wallets'
     * change version at the end of the batch (decision 0276), and on PostgreSQL the chip-counter
     * claims' insert, which the caller sends in one round trip with its own writes (decision 0279).
     */
    record Later(Map<WalletId, long[]> chips, List<MultiRow.ArrayStatement> writes) {

        static Later empty() {
            return new Later(new HashMap<>(), new ArrayList<>());
        }
    }

    private static final String CLAIMS_HEAD = "INSERT INTO sync_chip_use (festival_id, uid, counter_before, record_id)";

    private static final List<MultiRow.Column> CLAIM_COLUMNS =
            List.of(MultiRow.Column.UUID, MultiRow.Column.TEXT, MultiRow.Column.BIGINT, MultiRow.Column.UUID);

    /**
     * {@link #applySales}; with {@code later} for a caller inside a savepoint or a transaction of
     * its own, which it rolls back on a failure (decisions 0272, 0276, 0279, 0282): the entries are
     * posted there, the chip counters are claimed without a conflict clause (a counter spent
     * already throws {@code DuplicateKeyException} instead of being found and reported, and the
     * caller rolls back and goes the classic way, where the double spend is found and reported),
     * and the chip states and (on PostgreSQL) the claims' insert are left in {@code later} for the
     * caller to write.
     */
    Optional<List<UUID>> applySales(
            List<SignedRecord> run, UUID pointOfSale, Set<WalletId> touched, Map<String, Wallet> linked, Later later) {
        List<JournalEntry> entries = new ArrayList<>(run.size());
        for (SignedRecord signed : run) {
            TransactionRecord record = signed.record();
            Wallet wallet = linked.get(uid(record));
            entries.add(entry(record, EntryCategory.SALE, "Sale")
                    .move(AccountKey.wallet(wallet.id()), AccountKey.posRevenue(pointOfSale), record.amount())
                    .build());
        }
        Optional<List<PostingResult.Posted>> posted =
                later != null ? ledger.postAllInCallersSavepoint(entries) : ledger.postAll(entries);
        if (posted.isEmpty()) {
            return Optional.empty();
        }
        Map<WalletId, long[]> chips = new HashMap<>();
        List<Object[]> claims = new ArrayList<>();
        List<TransactionRecord> claimed = new ArrayList<>();
        for (SignedRecord signed : run) {
            TransactionRecord record = signed.record();
            Wallet wallet = linked.get(uid(record));
            touched.add(wallet.id());
            long counter = record.chip().map(ChipCounters::after).orElse(-1L);
            long[] chip = chips.computeIfAbsent(wallet.id(), w -> new long[] {0, -1});
            chip[0] -= record.amount().minor();
            chip[1] = Math.max(chip[1], counter);
            if (record.chip().isPresent()) {
                claims.add(new Object[] {
                    record.festival().value(),
                    uid(record),
                    record.chip().get().before(),
                    record.id().value()
                });
                claimed.add(record);
            }
        }
        if (later == null) {
            wallets.onChipAll(chips);
        } else {
            chips.forEach((wallet, chip) ->
                    later.chips().merge(wallet, chip, (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])}));
        }
        if (!claims.isEmpty() && later != null && io.fcs.central.jdbc.Dialect.postgres(template)) {
            later.writes()
                    .add(new MultiRow.ArrayStatement(
                            MultiRow.unnest(CLAIMS_HEAD, CLAIM_COLUMNS, null), CLAIM_COLUMNS, claims, null));
        } else if (!claims.isEmpty()) {
            int count = MultiRow.insert(
                    template, CLAIMS_HEAD, CLAIM_COLUMNS, later != null ? null : "ON CONFLICT DO NOTHING", claims);
            if (count != claims.size()) {
                // Some counter was spent already: find which claims are not this run's.
                Map<String, UUID> holders = new HashMap<>();
                FestivalId festival = claimed.getFirst().festival();
                List<String> uids =
                        claimed.stream().map(RecordPosting::uid).distinct().toList();
                jdbc.sql("SELECT uid, counter_before, record_id FROM sync_chip_use WHERE festival_id = :f"
                                + " AND uid IN (:uids)")
                        .param("f", festival.value())
                        .param("uids", uids)
                        .query(rs -> {
                            holders.put(
                                    rs.getString("uid") + "#" + rs.getLong("counter_before"),
                                    rs.getObject("record_id", UUID.class));
                        });
                for (TransactionRecord record : claimed) {
                    UUID holder =
                            holders.get(uid(record) + "#" + record.chip().get().before());
                    if (!record.id().value().equals(holder)) {
                        doubleSpend(record, linked.get(uid(record)), uid(record));
                    }
                }
            }
        }
        return Optional.of(
                posted.get().stream().map(PostingResult.Posted::entryId).toList());
    }

    private static AccountKey drawerOf(TransactionRecord record) {
        return AccountKey.cashDrawer(record.shift().value());
    }

    private Optional<Wallet> wallet(TransactionRecord record) {
        String uid = uid(record);
        if (uid != null) {
            return Optional.of(wallets.forWristband(record.festival(), uid, record.wallet()));
        }
        return record.wallet().flatMap(wallets::byId).filter(w -> w.festival().equals(record.festival()));
    }

    private JournalEntry.Builder entry(TransactionRecord record, EntryCategory category, String description) {
        return JournalEntry.builder(record.festival(), entryKey(record), category)
                .description(description + " (" + record.terminal() + "#" + record.sequence() + ")")
                .occurredAt(record.time())
                .terminal(record.terminal())
                .flagged(record.authority() == Authority.OFFLINE);
    }

    private Outcome topUp(TransactionRecord record, Set<WalletId> touched) {
        Optional<Wallet> found = wallet(record);
        if (found.isEmpty() || !found.get().currency().equals(record.amount().currency())) {
            return refuse(record, ReviewKind.VOID_REFUSED, "top-up for an unknown wallet or in another currency");
        }
        Wallet wallet = found.get();
        touched.add(wallet.id());
        chip(record, wallet, record.amount().minor());
        PaymentMethod method = record.payment().orElseThrow();
        if (method == PaymentMethod.ONLINE) {
            // loads an online top-up (already in the ledger) onto the chip: no money moves
            return new Applied(Optional.empty());
        }
        return new Applied(Optional.of(creditWallet(
                record,
                wallet,
                EntryCategory.TOP_UP,
                "Top-up " + method.name().toLowerCase(Locale.ROOT),
                topUpSource(record),
                record.amount())));
    }

    private static AccountKey topUpSource(TransactionRecord record) {
        return switch (record.payment().orElseThrow()) {
            case CASH -> drawerOf(record);
            case CARD -> AccountKey.pspClearing();
            case VOUCHER -> AccountKey.adjustments();
            case ONLINE -> throw new IllegalStateException("an online top-up moves no money at the terminal");
        };
    }

    private static AccountKey refundDestination(TransactionRecord record) {
        return switch (record.payment().orElseThrow()) {
            case CASH -> drawerOf(record);
            case CARD -> AccountKey.pspClearing();
            case ONLINE -> AccountKey.refundsPayable();
            case VOUCHER -> AccountKey.adjustments();
        };
    }

    private Outcome refund(TransactionRecord record, Set<WalletId> touched) {
        return spend(record, touched, EntryCategory.PAYOUT, refundDestination(record));
    }

    /** A wallet debit (sale or refund): what the wallet cannot cover goes to its offline exposure. */
    private Outcome spend(TransactionRecord record, Set<WalletId> touched, EntryCategory category, AccountKey to) {
        Optional<Wallet> found = wallet(record);
        if (found.isEmpty() || !found.get().currency().equals(record.amount().currency())) {
            return refuse(
                    record, ReviewKind.VOID_REFUSED, record.kind() + " for an unknown wallet or in another currency");
        }
        Wallet wallet = found.get();
        touched.add(wallet.id());
        chip(record, wallet, -record.amount().minor());
        String what = category == EntryCategory.SALE
                ? "Sale"
                : "Refund " + record.payment().orElseThrow();
        return new Applied(Optional.of(debitWallet(record, wallet, category, what, to, record.amount())));
    }

    /**
     * Posts {@code wallet → to}; if the wallet cannot cover it, what it holds goes and the rest is
     * taken from the wallet's offline exposure, flagged, with a review item (decision 0062).
     */
    private UUID debitWallet(
            TransactionRecord record, Wallet wallet, EntryCategory category, String what, AccountKey to, Money amount) {
        AccountKey walletAccount = AccountKey.wallet(wallet.id());
        PostingResult posted = ledger.post(
                entry(record, category, what).move(walletAccount, to, amount).build());
        if (posted instanceof PostingResult.Refused refused
                && refused.reason() == PostingResult.Reason.INSUFFICIENT_FUNDS) {
            Money covered = ledger.lockBalance(record.festival(), walletAccount, wallet.currency());
            Money shortfall = amount.minus(covered);
            JournalEntry.Builder split =
                    entry(record, category, what + ", beyond the balance").flagged(true);
            if (covered.isPositive()) {
                split.debit(walletAccount, covered);
            }
            split.debit(AccountKey.offlineExposure(wallet.id()), shortfall).credit(to, amount);
            posted = ledger.post(split.build());
            reviews.raise(ReviewItems.Raise.of(
                            record.festival(),
                            ReviewKind.OFFLINE_SHORTFALL,
                            what + " of " + amount + " with " + covered + " in the wallet (" + record.authority()
                                    + "): " + shortfall + " on offline exposure")
                    .terminal(record.terminal().value(), record.sequence())
                    .record(record.id().value())
                    .wallet(wallet.id().value(), uid(record))
                    .amount(shortfall.minor(), shortfall.currency().code()));
        }
        return entryId(posted, record);
    }

    /** Posts {@code from → wallet}, then the wallet covers its open exposure. */
    private UUID creditWallet(
            TransactionRecord record,
            Wallet wallet,
            EntryCategory category,
            String what,
            AccountKey from,
            Money amount) {
        PostingResult posted = ledger.post(entry(record, category, what)
                .move(from, AccountKey.wallet(wallet.id()), amount)
                .build());
        UUID entry = entryId(posted, record);
        wallets.coverExposure(wallet, entryKey(record));
        return entry;
    }

    /**
     * A void posts the reverse of the record it cancels, built from that record (not from its
     * entry): a sale or refund comes back whole to the wallet (which then covers its exposure), a
     * top-up leaves the wallet (beyond its balance: from exposure). Either way the books end the
     * same whatever else arrived in between (decision 0062).
     */
    private Outcome voidRecord(TransactionRecord record, UUID pointOfSale, Set<WalletId> touched) {
        UUID referenced = record.references().orElseThrow().value();
        record Target(UUID entry, UUID voidedBy, String status, byte[] bytes) {}
        Optional<Target> target = jdbc.sql("""
                        SELECT entry_id, voided_by, status, bytes FROM sync_record
                        WHERE record_id = :r AND terminal_id = :t
                        """)
                .param("r", referenced)
                .param("t", record.terminal().value())
                .query((rs, n) -> new Target(
                        rs.getObject("entry_id", UUID.class),
                        rs.getObject("voided_by", UUID.class),
                        rs.getString("status"),
                        rs.getBytes("bytes")))
                .optional();
        if (target.isEmpty()
                || !"APPLIED".equals(target.get().status())
                || target.get().voidedBy() != null) {
            return refuse(
                    record, ReviewKind.VOID_REFUSED, "void of " + referenced + ": unknown, refused or voided already");
        }
        TransactionRecord original = decode(target.get().bytes());
        if (!original.kind().movesWalletMoney()) {
            return refuse(
                    record, ReviewKind.VOID_REFUSED, "void of a " + original.kind() + " record, which moves no money");
        }
        Optional<Wallet> found = wallet(original);
        if (found.isEmpty()) {
            return refuse(record, ReviewKind.VOID_REFUSED, "void of " + referenced + ": its wallet is unknown");
        }
        jdbc.sql("UPDATE sync_record SET voided_by = :v WHERE record_id = :r")
                .param("v", record.id().value())
                .param("r", referenced)
                .update();
        Wallet wallet = found.get();
        touched.add(wallet.id());
        Money amount = original.amount();
        String what = "Void of " + original.kind() + " " + referenced;
        long counter = record.chip().map(ChipCounters::after).orElse(-1L);
        UUID entry;
        switch (original.kind()) {
            case SALE -> {
                wallets.onChip(wallet.id(), amount.minor(), counter);
                entry = creditWallet(
                        record, wallet, EntryCategory.SALE_REVERSAL, what, AccountKey.posRevenue(pointOfSale), amount);
            }
            case REFUND -> {
                wallets.onChip(wallet.id(), amount.minor(), counter);
                entry = creditWallet(record, wallet, EntryCategory.PAYOUT, what, refundDestination(original), amount);
            }
            case TOP_UP -> {
                wallets.onChip(wallet.id(), -amount.minor(), counter);
                if (original.payment().orElseThrow() == PaymentMethod.ONLINE) {
                    return new Applied(Optional.empty());
                }
                entry = debitWallet(record, wallet, EntryCategory.TOP_UP, what, topUpSource(original), amount);
            }
            default -> throw new IllegalStateException("not a money record: " + original.kind());
        }
        return new Applied(Optional.of(entry));
    }

    private Outcome bind(TransactionRecord record, Set<WalletId> touched) {
        if (record.wallet().isPresent()) {
            Wallet wallet = wallets.forWristband(record.festival(), uid(record), record.wallet());
            touched.add(wallet.id());
        }
        return new Applied(Optional.empty());
    }

    private Outcome replace(TransactionRecord record, Set<WalletId> touched) {
        UUID referenced = record.references().orElseThrow().value();
        Optional<byte[]> old = jdbc.sql("SELECT bytes FROM sync_record WHERE record_id = :r AND status = 'APPLIED'")
                .param("r", referenced)
                .query((rs, n) -> rs.getBytes("bytes"))
                .optional();
        Wallet wallet = record.wallet()
                .flatMap(wallets::byId)
                .filter(w -> w.festival().equals(record.festival()))
                .orElse(null);
        if (wallet == null) {
            return refuse(record, ReviewKind.VOID_REFUSED, "replacement onto an unknown wallet");
        }
        old.map(RecordPosting::decode)
                .map(RecordPosting::uid)
                .ifPresent(oldUid -> wallets.block(record.festival(), oldUid, "replaced by " + uid(record)));
        wallets.link(record.festival(), uid(record), wallet.id());
        touched.add(wallet.id());
        return new Applied(Optional.empty());
    }

    private Outcome checkIn(TransactionRecord record) {
        jdbc.sql("""
                        INSERT INTO gate_checkin (id, festival_id, ticket_id, uid, terminal_id, checked_at, offline,
                            outcome, source, received_at)
                        VALUES (:id, :f, :ticket, :uid, :t, :at, :offline, 'ADMITTED', 'RECORD', :now)
                        """)
                .param("id", record.id().value())
                .param("f", record.festival().value())
                .param("ticket", record.ticket().map(t -> t.value()).orElse(null))
                .param("uid", uid(record))
                .param("t", record.terminal().value())
                .param("at", record.time().atOffset(ZoneOffset.UTC))
                .param("offline", record.authority() == Authority.OFFLINE)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return new Applied(Optional.empty());
    }

    private Outcome drawer(TransactionRecord record, FestivalId festival, AccountKey from, AccountKey to, String what) {
        if (record.amount().isZero()) {
            return new Applied(Optional.empty());
        }
        PostingResult posted = ledger.post(entry(record, EntryCategory.SETTLEMENT, what)
                .move(from, to, record.amount())
                .build());
        return new Applied(Optional.of(entryId(posted, record)));
    }

    /** The drawer is emptied into the safe: what was counted, and the difference as over/short. */
    private Outcome closeShift(TransactionRecord record) {
        AccountKey drawer = drawerOf(record);
        Money expected =
                ledger.lockBalance(record.festival(), drawer, record.amount().currency());
        Money counted = record.amount();
        Money difference = expected.minus(counted);
        if (expected.isZero() && counted.isZero()) {
            return new Applied(Optional.empty());
        }
        JournalEntry.Builder close = entry(record, EntryCategory.SETTLEMENT, "Shift close, counted " + counted)
                .flagged(!difference.isZero());
        if (expected.isPositive()) {
            close.credit(drawer, expected);
        } else if (expected.isNegative()) {
            close.debit(drawer, expected.negate());
        }
        if (counted.isPositive()) {
            close.debit(AccountKey.cashSafe(), counted);
        }
        if (difference.isPositive()) {
            close.debit(AccountKey.adjustments(), difference);
        } else if (difference.isNegative()) {
            close.credit(AccountKey.adjustments(), difference.negate());
        }
        PostingResult posted = ledger.post(close.build());
        return new Applied(Optional.of(entryId(posted, record)));
    }

    private void chip(TransactionRecord record, Wallet wallet, long delta) {
        long counter = record.chip().map(ChipCounters::after).orElse(-1L);
        wallets.onChip(wallet.id(), delta, counter);
        Optional<ChipCounters> chip = record.chip();
        String uid = uid(record);
        if (chip.isEmpty() || uid == null || record.kind() == RecordKind.VOID) {
            return;
        }
        int claimed = jdbc.sql("""
                        INSERT INTO sync_chip_use (festival_id, uid, counter_before, record_id)
                        VALUES (:f, :uid, :c, :r) ON CONFLICT DO NOTHING
                        """)
                .param("f", record.festival().value())
                .param("uid", uid)
                .param("c", chip.get().before())
                .param("r", record.id().value())
                .update();
        if (claimed == 0) {
            doubleSpend(record, wallet, uid);
        }
    }

    private void doubleSpend(TransactionRecord record, Wallet wallet, String uid) {
        long before = record.chip().orElseThrow().before();
        reviews.raise(ReviewItems.Raise.of(
                        record.festival(),
                        ReviewKind.DOUBLE_SPEND,
                        "chip counter " + before + " of wristband " + uid
                                + " was spent by another record too: cloned or rolled-back chip; wristband blocked")
                .terminal(record.terminal().value(), record.sequence())
                .record(record.id().value())
                .wallet(wallet.id().value(), uid)
                .amount(record.amount().minor(), record.amount().currency().code()));
        wallets.block(record.festival(), uid, "chip counter reused (cloned or rolled back)");
    }

    private Outcome refuse(TransactionRecord record, ReviewKind kind, String detail) {
        reviews.raise(ReviewItems.Raise.of(record.festival(), kind, detail)
                .terminal(record.terminal().value(), record.sequence())
                .record(record.id().value())
                .amount(record.amount().minor(), record.amount().currency().code()));
        return new Refused(detail);
    }

    private static UUID entryId(PostingResult posted, TransactionRecord record) {
        if (posted instanceof PostingResult.Posted done) {
            return done.entryId();
        }
        throw new IllegalStateException(
                "record " + record.terminal() + "#" + record.sequence() + " could not post: " + posted);
    }

    static TransactionRecord decode(byte[] encoded) {
        return switch (RecordCodec.decodeSigned(encoded)) {
            case RecordDecoding.Decoded<SignedRecord> decoded -> decoded.value().record();
            case RecordDecoding.Malformed<SignedRecord> malformed ->
                throw new IllegalStateException("a stored record no longer decodes: " + malformed);
        };
    }
}
