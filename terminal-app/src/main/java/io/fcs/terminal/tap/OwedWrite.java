package io.fcs.terminal.tap;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.device.nfc.ChipState;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A chip write a committed record still owes its wristband (decision 0101), with the chip state
 * it was computed from: the next tap tells from the chip's generation whether the write landed,
 * whether the chip still holds that base state, or whether another terminal wrote in between
 * (decision 0166).
 *
 * @param base the state read from the chip before the record (empty for a pending write stored
 *     by an earlier version, which knew only the owed state)
 * @param owed the state the record puts on the chip
 * @param authority who authorised the record: an edge-authorised record is counted in the
 *     balance the edge gives the next edge-authorised sale
 */
public record OwedWrite(Optional<ChipState> base, ChipState owed, TapOutcome.Authority authority) {

    /** What the chip as read now says about the owed write. */
    public enum Resolution {
        /** the chip names the owed record: the write landed after all. */
        LANDED,
        /** the chip still holds the base state: write the owed state now. */
        NOT_LANDED,
        /**
         * exactly one write happened on top of the base state elsewhere and did not count the
         * record: apply the record's change to what the chip holds now.
         */
        REBASE,
        /**
         * one edge-authorised sale happened on top of the base state elsewhere: the balance the
         * edge gave it already counts this (edge-authorised) record; the chip carries it.
         */
        CARRIED,
        /**
         * writes since that the chip cannot account for (three or more, or two without the state
         * between them, or a chip behind the base): reconcile centrally.
         */
        UNKNOWN
    }

    private static final String FORM = "owed1";
    private static final byte SEPARATOR = 0x1e;

    public OwedWrite {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(owed, "owed");
        Objects.requireNonNull(authority, "authority");
    }

    public OwedWrite(ChipState base, ChipState owed, TapOutcome.Authority authority) {
        this(Optional.of(base), owed, authority);
    }

    /** The record's change to the balance. */
    public Money delta() {
        return owed.balance().minus(base.orElseThrow().balance());
    }

    /** Decides from the chip as read now (decision 0166). */
    public Resolution resolve(ChipState chip) {
        return resolve(chip, Optional.empty());
    }

    /**
     * Decides from the chip as read now and the state before it, still in the chip's other slot:
     * two generations on, that state tells whether ours landed (it is ours) or not.
     */
    public Resolution resolve(ChipState chip, Optional<ChipState> previous) {
        if (chip.lastRecordId().equals(owed.lastRecordId())) {
            return Resolution.LANDED;
        }
        if (base.isEmpty()) {
            return Resolution.NOT_LANDED; // an earlier version's pending write: the owed state as it was
        }
        ChipState from = base.get();
        if (chip.generation() == from.generation() && chip.lastRecordId().equals(from.lastRecordId())) {
            return Resolution.NOT_LANDED;
        }
        if (chip.generation() == from.generation() + 1) {
            return authority == TapOutcome.Authority.EDGE && edgeSaleOnTop(from, chip)
                    ? Resolution.CARRIED
                    : Resolution.REBASE;
        }
        if (chip.generation() == from.generation() + 2
                && previous.isPresent()
                && previous.get().generation() == from.generation() + 1) {
            ChipState between = previous.get();
            if (between.lastRecordId().equals(owed.lastRecordId())) {
                return Resolution.LANDED; // ours landed, and the newest state was written on top of it
            }
            // ours never landed: both writes since were computed without it
            return authority == TapOutcome.Authority.EDGE
                            && (edgeSaleOnTop(from, between) || edgeSaleOnTop(between, chip))
                    ? Resolution.CARRIED
                    : Resolution.REBASE;
        }
        return Resolution.UNKNOWN;
    }

    /**
     * A sale on top of the base that spent nothing offline was authorised by the edge, which wrote
     * its own balance (holds of the whole zone counted); a credit or an offline sale was computed
     * from the chip's balance.
     */
    private static boolean edgeSaleOnTop(ChipState from, ChipState chip) {
        long period = chip.offline().period();
        return chip.balance().isLessThan(from.balance())
                && chip.offline().spentIn(period) <= from.offline().spentIn(period);
    }

    /**
     * The state to write now onto {@code chip}: for {@link Resolution#NOT_LANDED} the owed state
     * with the chip's counter carried on; for {@link Resolution#REBASE} the record's change applied
     * to the chip's balance (never below zero) and its offline spending added to the chip's.
     */
    public ChipState onto(ChipState chip) {
        if (base.isEmpty()
                || (chip.generation() == base.get().generation()
                        && chip.lastRecordId().equals(base.get().lastRecordId()))) {
            return new ChipState(
                    owed.walletId(),
                    owed.balance(),
                    chip.counter() + 1,
                    owed.lastRecordId(),
                    owed.blocked(),
                    owed.offline(),
                    chip.generation() + 1);
        }
        Money balance = chip.balance().plus(delta());
        if (balance.isNegative()) {
            balance = Money.zero(balance.currency());
        }
        return new ChipState(
                chip.walletId(),
                balance,
                chip.counter() + 1,
                owed.lastRecordId(),
                chip.blocked() || owed.blocked(),
                offlineOnto(chip.offline()),
                chip.generation() + 1);
    }

    private ChipState.Offline offlineOnto(ChipState.Offline now) {
        ChipState.Offline ours = owed.offline();
        long added = ours.spentIn(ours.period()) - base.orElseThrow().offline().spentIn(ours.period());
        if (ours.period() == 0 || added <= 0) {
            return now;
        }
        if (now.period() == ours.period()) {
            return new ChipState.Offline(
                    now.period(), now.spentMinor() + added, Math.max(0, now.remainingMinor() - added));
        }
        return now.period() > ours.period() ? now : ours;
    }

    /** A local, versioned form for the pending-write table (not a wire format). */
    public byte[] toLocalBytes() {
        byte[] head = (FORM + "\n" + authority.name() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] from = base.orElseThrow().toLocalBytes();
        byte[] to = owed.toLocalBytes();
        byte[] all = Arrays.copyOf(head, head.length + from.length + 1 + to.length);
        System.arraycopy(from, 0, all, head.length, from.length);
        all[head.length + from.length] = SEPARATOR;
        System.arraycopy(to, 0, all, head.length + from.length + 1, to.length);
        return all;
    }

    /** Reads {@link #toLocalBytes()}, and a bare owed state as earlier versions stored it. */
    public static OwedWrite fromLocalBytes(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith(FORM + "\n")) {
            return new OwedWrite(Optional.empty(), ChipState.fromLocalBytes(bytes), TapOutcome.Authority.OFFLINE);
        }
        String[] parts = text.split("\n", 3);
        int split = parts.length == 3 ? parts[2].indexOf(SEPARATOR) : -1;
        if (split < 0) {
            throw new IllegalArgumentException("not a stored owed chip write");
        }
        return new OwedWrite(
                Optional.of(
                        ChipState.fromLocalBytes(parts[2].substring(0, split).getBytes(StandardCharsets.UTF_8))),
                ChipState.fromLocalBytes(parts[2].substring(split + 1).getBytes(StandardCharsets.UTF_8)),
                TapOutcome.Authority.valueOf(parts[1]));
    }
}
