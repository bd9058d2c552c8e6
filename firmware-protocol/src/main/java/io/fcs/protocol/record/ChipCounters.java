package io.fcs.protocol.record;

/**
 * The wristband chip's one-way counter read before the operation and written with the new chip
 * state after it. Both are unsigned 32-bit values (NTAG counters are 24-bit); {@code after} is
 * never below {@code before}: a counter that went backwards is a rolled-back or cloned chip.
 */
public record ChipCounters(long before, long after) {

    public static final long MAX = 0xFFFF_FFFFL;

    public ChipCounters {
        if (before < 0 || before > MAX || after < 0 || after > MAX) {
            throw new IllegalArgumentException(
                    "chip counters must be 0.." + MAX + ", were " + before + " and " + after);
        }
        if (after < before) {
            throw new IllegalArgumentException("chip counter went backwards: " + before + " -> " + after);
        }
    }

    public static ChipCounters of(long before, long after) {
        return new ChipCounters(before, after);
    }
}
