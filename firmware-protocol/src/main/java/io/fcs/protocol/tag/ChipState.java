package io.fcs.protocol.tag;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.Objects;

/**
 * The state a wristband carries, as signed by the terminal that wrote it: the content plus what
 * binds it to the chip. {@code generation} grows by one at each write and picks the newer slot;
 * {@code chipCounter} is the value of the chip's one-way counter this state belongs to (AES class:
 * the counter after this write's increment; NTAG21x: the NFC counter read in the writing tap).
 */
public record ChipState(long generation, long chipCounter, TerminalId writer, ChipContent content) {

    public static final long MAX_GENERATION = 0xFFFF_FFFFL;

    public ChipState {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(content, "content");
        if (generation < 1 || generation > MAX_GENERATION) {
            throw new IllegalArgumentException("generation must be 1.." + MAX_GENERATION + ", was " + generation);
        }
        if (chipCounter < 0 || chipCounter > WristbandLayout.COUNTER_MAX) {
            throw new IllegalArgumentException(
                    "chip counter must be 0.." + WristbandLayout.COUNTER_MAX + ", was " + chipCounter);
        }
    }

    public WalletId wallet() {
        return content.wallet();
    }

    public Money balance() {
        return content.balance();
    }

    public RecordId lastRecord() {
        return content.lastRecord();
    }

    public boolean has(ChipFlag flag) {
        return content.has(flag);
    }
}
