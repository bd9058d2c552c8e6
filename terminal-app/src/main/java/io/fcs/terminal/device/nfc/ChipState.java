package io.fcs.terminal.device.nfc;

import io.fcs.protocol.value.Money;
import java.util.Objects;

/**
 * The state a wristband carries, as this terminal sees it once the chip's signature and counter
 * have been checked: balance, the chip's one-way counter at the last write, the record that
 * wrote it, its offline use, and the state's generation (grows by one at every write, decision
 * 0021; 0 where a chip does not tell). {@code walletId} is empty for a wristband not yet linked
 * to a wallet.
 */
public record ChipState(
        String walletId,
        Money balance,
        long counter,
        String lastRecordId,
        boolean blocked,
        Offline offline,
        long generation) {

    /**
     * What the wristband spent without the edge in the offline period it names (the chip's own
     * offline-allowance field): kept on the chip so that every terminal of the festival counts the
     * same allowance, not one allowance per terminal.
     *
     * @param period the period number ({@code OfflinePolicy.periodNumber}); 0 = never used offline
     * @param spentMinor spent offline in that period
     * @param remainingMinor what may still be spent offline in that period
     */
    public record Offline(long period, long spentMinor, long remainingMinor) {
        public static final Offline NONE = new Offline(0, 0, 0);

        public Offline {
            if (period < 0 || spentMinor < 0 || remainingMinor < 0) {
                throw new IllegalArgumentException(
                        "offline use is never negative: " + period + "/" + spentMinor + "/" + remainingMinor);
            }
        }

        /** Spent in {@code currentPeriod}: nothing when the chip names another period. */
        public long spentIn(long currentPeriod) {
            return period == currentPeriod ? spentMinor : 0;
        }
    }

    public ChipState {
        Objects.requireNonNull(balance, "balance");
        walletId = walletId == null ? "" : walletId;
        lastRecordId = lastRecordId == null ? "" : lastRecordId;
        offline = offline == null ? Offline.NONE : offline;
        if (counter < 0) {
            throw new IllegalArgumentException("chip counter is negative: " + counter);
        }
        if (generation < 0) {
            throw new IllegalArgumentException("chip state generation is negative: " + generation);
        }
    }

    public ChipState(
            String walletId, Money balance, long counter, String lastRecordId, boolean blocked, Offline offline) {
        this(walletId, balance, counter, lastRecordId, blocked, offline, 0);
    }

    public ChipState(String walletId, Money balance, long counter, String lastRecordId, boolean blocked) {
        this(walletId, balance, counter, lastRecordId, blocked, Offline.NONE, 0);
    }

    /** The state after one more write carrying {@code recordId} and {@code newBalance}. */
    public ChipState next(Money newBalance, String recordId) {
        return new ChipState(walletId, newBalance, counter + 1, recordId, blocked, offline, generation + 1);
    }

    public ChipState withOffline(Offline newOffline) {
        return new ChipState(walletId, balance, counter, lastRecordId, blocked, newOffline, generation);
    }

    /** A local, versioned text form for the pending-write table (not a wire format). */
    public byte[] toLocalBytes() {
        return String.join(
                        "\n",
                        "v3",
                        walletId,
                        Long.toString(balance.minor()),
                        balance.currency().code(),
                        Long.toString(counter),
                        lastRecordId,
                        Boolean.toString(blocked),
                        Long.toString(offline.period()),
                        Long.toString(offline.spentMinor()),
                        Long.toString(offline.remainingMinor()),
                        Long.toString(generation))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads {@link #toLocalBytes()}, and the forms of earlier versions: {@code v1} (no offline
     * use), {@code v2} (no generation: 0).
     */
    public static ChipState fromLocalBytes(byte[] bytes) {
        String[] f = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        boolean v1 = f.length == 7 && "v1".equals(f[0]);
        boolean v2 = f.length == 10 && "v2".equals(f[0]);
        boolean v3 = f.length == 11 && "v3".equals(f[0]);
        if (!v1 && !v2 && !v3) {
            throw new IllegalArgumentException("not a stored chip state");
        }
        return new ChipState(
                f[1],
                Money.of(Long.parseLong(f[2]), io.fcs.protocol.value.Currency.of(f[3])),
                Long.parseLong(f[4]),
                f[5],
                Boolean.parseBoolean(f[6]),
                v1 ? Offline.NONE : new Offline(Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9])),
                v3 ? Long.parseLong(f[10]) : 0);
    }
}
