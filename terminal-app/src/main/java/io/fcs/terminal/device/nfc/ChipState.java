package io.fcs.terminal.device.nfc;

import io.fcs.protocol.value.Money;
import java.util.Objects;

/**
 * The state a wristband carries, as this terminal sees it once the chip's signature and counter
 * have been checked: balance, the chip's one-way counter at the last write, and the record that
 * wrote it. {@code walletId} is empty for a wristband not yet linked to a wallet.
 */
public record ChipState(String walletId, Money balance, long counter, String lastRecordId, boolean blocked) {

    public ChipState {
        Objects.requireNonNull(balance, "balance");
        walletId = walletId == null ? "" : walletId;
        lastRecordId = lastRecordId == null ? "" : lastRecordId;
        if (counter < 0) {
            throw new IllegalArgumentException("chip counter is negative: " + counter);
        }
    }

    /** The state after one more write carrying {@code recordId} and {@code newBalance}. */
    public ChipState next(Money newBalance, String recordId) {
        return new ChipState(walletId, newBalance, counter + 1, recordId, blocked);
    }

    /** A local, versioned text form for the pending-write table (not a wire format). */
    public byte[] toLocalBytes() {
        return String.join(
                        "\n",
                        "v1",
                        walletId,
                        Long.toString(balance.minor()),
                        balance.currency().code(),
                        Long.toString(counter),
                        lastRecordId,
                        Boolean.toString(blocked))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static ChipState fromLocalBytes(byte[] bytes) {
        String[] f = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
        if (f.length != 7 || !"v1".equals(f[0])) {
            throw new IllegalArgumentException("not a stored chip state");
        }
        return new ChipState(
                f[1],
                Money.of(Long.parseLong(f[2]), io.fcs.protocol.value.Currency.of(f[3])),
                Long.parseLong(f[4]),
                f[5],
                Boolean.parseBoolean(f[6]));
    }
}
