package io.fcs.terminal.tap;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.terminal.device.nfc.ChipRead;
import io.fcs.terminal.device.nfc.ChipState;
import io.fcs.terminal.device.nfc.NfcReader;
import io.fcs.terminal.device.nfc.ReaderUnavailableException;
import io.fcs.terminal.device.nfc.Wristband;
import io.fcs.terminal.store.PendingChipWrite;
import io.fcs.terminal.store.StoreException;
import io.fcs.terminal.store.TerminalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The money side of a wristband tap, shared by the POS, the kiosk and the cash desk:
 *
 * <ol>
 *   <li>read and check the chip (signature, counter: forged / rolled back / cloned are refused
 *       and the wristband is put on the local deny list);
 *   <li>finish a write a previous tap left pending (torn write, removed card): the chip's last
 *       record tells whether it landed, so nothing is charged twice or lost;
 *   <li>ask the edge, or decide offline within the wristband's allowance (flagged);
 *   <li>commit the signed record to SQLite <em>before</em> the chip is written;
 *   <li>write the new state tear-safe; a failed write leaves it pending ("tap again").
 * </ol>
 */
public final class WalletTaps {

    static final Duration EDGE_TIMEOUT = Duration.ofMillis(800);

    /** The operator named on the record of a credit loaded onto a wristband. */
    static final String CREDIT_OPERATOR = "edge-credit";

    private final NfcReader reader;
    private final TerminalStore store;
    private final RecordBook book;
    private final Authoriser authoriser;
    private final Clock clock;
    private final Currency currency;
    private volatile OfflinePolicy offlinePolicy;
    private volatile LongSupplier clockSkewMillis = () -> 0;

    public WalletTaps(
            NfcReader reader,
            TerminalStore store,
            RecordBook book,
            Authoriser authoriser,
            OfflinePolicy offlinePolicy,
            Clock clock,
            Currency currency) {
        this.reader = reader;
        this.store = store;
        this.book = book;
        this.authoriser = authoriser;
        this.offlinePolicy = offlinePolicy;
        this.clock = clock;
        this.currency = currency;
    }

    public Currency currency() {
        return currency;
    }

    public void offlinePolicy(OfflinePolicy policy) {
        this.offlinePolicy = policy;
    }

    public OfflinePolicy offlinePolicy() {
        return offlinePolicy;
    }

    /** This terminal's clock minus the edge's, as last measured (0 while unknown). */
    public void clockSkew(LongSupplier skewMillis) {
        this.clockSkewMillis = skewMillis;
    }

    /** Who is charging and why: the record's operator, shift and product lines. */
    public record Context(String operator, String shiftId, List<RecordDraft.Line> lines, String reference) {
        public Context {
            lines = List.copyOf(lines);
        }
    }

    /** A payment from the wristband's wallet. */
    public TapOutcome pay(Money amount, Context context, Duration wait) {
        return tap(wait, band -> debit(band, amount, context));
    }

    /**
     * Money onto the wristband (top-up, void of a sale). {@code beforeCredit} runs with the
     * wristband identified and may refuse (a card declined, the wrong wristband for a void).
     */
    public TapOutcome credit(
            RecordKind kind,
            Money amount,
            Context context,
            Duration wait,
            Function<String, Optional<TapOutcome.Refused>> beforeCredit) {
        return tap(wait, band -> creditOnto(band, kind, amount, context, beforeCredit));
    }

    /** Only finishes a pending write (the "tap again" after a torn write); answers the finished state. */
    public TapOutcome completePending(Duration wait) {
        return tap(wait, band -> {
            Checked checked = check(band);
            if (checked.refused() != null) {
                return checked.refused();
            }
            ChipState state = checked.state();
            return checked.tell(new TapOutcome.Approved(
                    band.uid(),
                    Money.zero(currency),
                    state.balance(),
                    TapOutcome.Authority.OFFLINE,
                    state.lastRecordId(),
                    0));
        });
    }

    /** Reads a wristband's state (after finishing any pending write) without changing it. */
    public Optional<Readout> readout(Duration wait) {
        return reader.withWristband(wait, band -> {
            Checked checked = check(band);
            return checked.refused() != null
                    ? new Readout(band.uid(), null, checked.refused())
                    : new Readout(band.uid(), checked.state(), null);
        });
    }

    /** A wristband's state, or why it cannot be used. */
    public record Readout(String uid, ChipState state, TapOutcome.Refused refused) {}

    private TapOutcome tap(Duration wait, Function<Wristband, TapOutcome> work) {
        try {
            return reader.withWristband(wait, work).orElse(TapOutcome.Refused.of(TapOutcome.Reason.NO_WRISTBAND));
        } catch (ReaderUnavailableException e) {
            return new TapOutcome.Refused(TapOutcome.Reason.READER_UNAVAILABLE, null, e.getMessage());
        } catch (StoreException e) {
            return new TapOutcome.Refused(TapOutcome.Reason.STORE_FAILED, null, e.getMessage());
        }
    }

    private record Checked(ChipState state, TapOutcome.Refused refused, Money loaded) {
        Checked(ChipState state, TapOutcome.Refused refused) {
            this(state, refused, null);
        }

        TapOutcome.Approved tell(TapOutcome.Approved approved) {
            return loaded == null || loaded.isZero() ? approved : approved.withLoaded(loaded);
        }

        TapOutcome tell(TapOutcome outcome) {
            return outcome instanceof TapOutcome.Approved approved ? tell(approved) : outcome;
        }
    }

    /** Reads, verifies, applies the deny list and finishes a pending write. */
    private Checked check(Wristband band) {
        String uid = band.uid();
        ChipRead read = band.read();
        if (read instanceof ChipRead.Unusable unusable) {
            TapOutcome.Reason reason =
                    switch (unusable.problem()) {
                        case BLANK -> TapOutcome.Reason.BLANK;
                        case FORGED -> TapOutcome.Reason.FORGED;
                        case ROLLED_BACK -> TapOutcome.Reason.ROLLED_BACK;
                        case CLONED -> TapOutcome.Reason.CLONED;
                        case UNREADABLE -> TapOutcome.Reason.UNREADABLE;
                    };
            if (reason == TapOutcome.Reason.ROLLED_BACK
                    || reason == TapOutcome.Reason.CLONED
                    || reason == TapOutcome.Reason.FORGED) {
                store.denyWristband(uid, reason.name());
            }
            return new Checked(null, new TapOutcome.Refused(reason, uid, unusable.detail()));
        }
        ChipState state = ((ChipRead.Valid) read).state();
        Optional<String> denied = store.wristbandDenied(uid);
        if (denied.isPresent() || state.blocked()) {
            return new Checked(
                    null, new TapOutcome.Refused(TapOutcome.Reason.BLOCKED, uid, denied.orElse("blocked on chip")));
        }
        Optional<PendingChipWrite> pending = store.pendingChipWrite(uid);
        if (pending.isPresent()) {
            OwedWrite owed = OwedWrite.fromLocalBytes(pending.get().chipState());
            switch (owed.resolve(state, band.previousState())) {
                case LANDED, CARRIED -> store.clearPendingChipWrite(uid); // the chip carries the record
                case NOT_LANDED, REBASE -> {
                    // written against the generation the chip still holds, or re-based onto the
                    // one write another terminal made in between: never over someone else's sale
                    ChipState rewrite = owed.onto(state);
                    if (band.write(rewrite) != Wristband.WriteResult.WRITTEN) {
                        return new Checked(
                                null, new TapOutcome.Refused(TapOutcome.Reason.TAP_AGAIN, uid, "still pending"));
                    }
                    store.clearPendingChipWrite(uid);
                    state = rewrite;
                }
                case UNKNOWN ->
                    store.markChipWriteUnresolved(
                            uid,
                            "chip at generation " + state.generation() + " record " + state.lastRecordId()
                                    + ", write was against generation "
                                    + owed.base().map(ChipState::generation).orElse(0L),
                            clock.instant());
            }
        }
        return loadOwedCredits(band, state);
    }

    /**
     * Loads the credits the edge downlinked for this wristband's wallet (online top-ups,
     * refunds): one signed TOP_UP record each (authority EDGE, payment ONLINE, record id = the
     * credit id), committed before the chip write, like any other write. Committing marks the
     * credit applied, so a torn write finishes on the next tap and never loads it twice.
     */
    private Checked loadOwedCredits(Wristband band, ChipState state) {
        String uid = band.uid();
        Money loaded = Money.zero(currency);
        for (TerminalStore.OwedCredit credit : store.owedCredits(state.walletId())) {
            if (credit.currency().isPresent() && !credit.currency().get().equals(currency.code())) {
                continue; // a credit in another currency cannot go onto this festival's chip
            }
            Money amount = Money.of(credit.amountMinor(), currency);
            Money balanceAfter = state.balance().plus(amount);
            ChipState next = state.next(balanceAfter, credit.creditId());
            book.commit(
                    new RecordDraft(
                            credit.creditId(),
                            RecordKind.CREDIT,
                            uid,
                            state.walletId(),
                            amount,
                            balanceAfter,
                            List.of(),
                            state.counter(),
                            next.counter(),
                            TapOutcome.Authority.EDGE,
                            CREDIT_OPERATOR,
                            null,
                            credit.creditId(),
                            clock.instant()),
                    Optional.of(new OwedWrite(state, next, TapOutcome.Authority.EDGE)));
            if (band.write(next) != Wristband.WriteResult.WRITTEN) {
                return new Checked(
                        null, new TapOutcome.Refused(TapOutcome.Reason.TAP_AGAIN, uid, "credit " + credit.creditId()));
            }
            store.clearPendingChipWrite(uid);
            state = next;
            loaded = loaded.plus(amount);
        }
        return new Checked(state, null, loaded);
    }

    private TapOutcome debit(Wristband band, Money amount, Context context) {
        Checked checked = check(band);
        if (checked.refused() != null) {
            return checked.refused();
        }
        String uid = band.uid();
        ChipState state = checked.state();
        String recordId = RecordId.random().toString();
        Instant now = clock.instant();
        Authoriser.Answer answer = authoriser.authorise(
                recordId, uid, state.walletId(), amount, state.balance(), state.counter(), EDGE_TIMEOUT);
        Money balanceAfter;
        TapOutcome.Authority authority;
        ChipState.Offline offlineAfter = state.offline();
        switch (answer) {
            case Authoriser.Granted granted -> {
                balanceAfter = granted.balanceAfter();
                authority = TapOutcome.Authority.EDGE;
            }
            case Authoriser.Declined declined -> {
                if (declined.reason() == TapOutcome.Reason.BLOCKED) {
                    store.denyWristband(uid, "blocked by edge");
                }
                return new TapOutcome.Refused(declined.reason(), uid, "edge");
            }
            case Authoriser.Unreachable unreachable -> {
                OfflinePolicy policy = offlinePolicy;
                if (band.plainChip() && policy.plainChipAllowance().isZero()) {
                    // a clonable chip without a per-chip secret: the edge must see every payment
                    return new TapOutcome.Refused(TapOutcome.Reason.ONLINE_ONLY, uid, "plain NTAG21x wristband");
                }
                if (state.balance().isLessThan(amount)) {
                    return new TapOutcome.Refused(TapOutcome.Reason.INSUFFICIENT_FUNDS, uid, "offline");
                }
                if (Math.abs(clockSkewMillis.getAsLong()) > OfflinePolicy.MAX_CLOCK_SKEW.toMillis()) {
                    return new TapOutcome.Refused(
                            TapOutcome.Reason.CLOCK_WRONG, uid, "clock skew " + clockSkewMillis.getAsLong() + " ms");
                }
                long periodNumber = policy.periodNumber(now);
                long chipPeriod = state.offline().period();
                if (chipPeriod == periodNumber + 1) {
                    // used offline in the next period by a terminal whose clock is ahead of ours
                    return new TapOutcome.Refused(
                            TapOutcome.Reason.CLOCK_WRONG, uid, "wristband used offline in period " + chipPeriod);
                }
                // the chip's count and this terminal's own: the larger wins (an older chip state
                // restored by a torn write cannot hand out the allowance twice here)
                long spent =
                        Math.max(state.offline().spentIn(periodNumber), store.offlineSpent(uid, policy.period(now)));
                long allowance = policy.allowanceFor(band.plainChip()).minor();
                if (spent + amount.minor() > allowance) {
                    return new TapOutcome.Refused(TapOutcome.Reason.OFFLINE_LIMIT, uid, "offline");
                }
                balanceAfter = state.balance().minus(amount);
                authority = TapOutcome.Authority.OFFLINE;
                offlineAfter =
                        new ChipState.Offline(periodNumber, spent + amount.minor(), allowance - spent - amount.minor());
            }
        }
        ChipState next = state.next(balanceAfter, recordId).withOffline(offlineAfter);
        RecordDraft draft = new RecordDraft(
                recordId,
                RecordKind.SALE,
                uid,
                state.walletId(),
                amount,
                balanceAfter,
                context.lines(),
                state.counter(),
                next.counter(),
                authority,
                context.operator(),
                context.shiftId(),
                context.reference(),
                now);
        RecordBook.Committed committed = book.commit(
                draft,
                Optional.of(new OwedWrite(state, next, authority)),
                authority == TapOutcome.Authority.OFFLINE
                        ? RecordBook.Also.offlineSpend(
                                new TerminalStore.OfflineSpend(uid, offlinePolicy.period(now), amount.minor()))
                        : RecordBook.Also.NOTHING);
        return checked.tell(finish(
                band,
                next,
                new TapOutcome.Approved(uid, amount, balanceAfter, authority, recordId, committed.sequence())));
    }

    private TapOutcome creditOnto(
            Wristband band,
            RecordKind kind,
            Money amount,
            Context context,
            Function<String, Optional<TapOutcome.Refused>> beforeCredit) {
        Checked checked = check(band);
        if (checked.refused() != null) {
            return checked.refused();
        }
        String uid = band.uid();
        Optional<TapOutcome.Refused> refused = beforeCredit.apply(uid);
        if (refused.isPresent()) {
            return refused.get();
        }
        ChipState state = checked.state();
        String recordId = RecordId.random().toString();
        Money balanceAfter = state.balance().plus(amount);
        ChipState next = state.next(balanceAfter, recordId);
        RecordDraft draft = new RecordDraft(
                recordId,
                kind,
                uid,
                state.walletId(),
                amount,
                balanceAfter,
                context.lines(),
                state.counter(),
                next.counter(),
                TapOutcome.Authority.OFFLINE,
                context.operator(),
                context.shiftId(),
                context.reference(),
                clock.instant());
        RecordBook.Committed committed =
                book.commit(draft, Optional.of(new OwedWrite(state, next, TapOutcome.Authority.OFFLINE)));
        return checked.tell(finish(
                band,
                next,
                new TapOutcome.Approved(
                        uid, amount, balanceAfter, TapOutcome.Authority.EDGE, recordId, committed.sequence())));
    }

    private TapOutcome finish(Wristband band, ChipState next, TapOutcome.Approved approved) {
        Wristband.WriteResult written = band.write(next);
        if (written == Wristband.WriteResult.WRITTEN) {
            store.clearPendingChipWrite(band.uid());
            return approved;
        }
        return new TapOutcome.Refused(TapOutcome.Reason.TAP_AGAIN, band.uid(), approved.recordId());
    }
}
