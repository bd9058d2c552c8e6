package io.fcs.protocol.message;

/** An inclusive range of record sequences, e.g. the records a receiver asks to be sent again. */
public record SequenceRange(long from, long to) {

    public SequenceRange {
        Fields.atLeast("from", from, 0);
        if (to < from) {
            throw new IllegalArgumentException("range end " + to + " is before its start " + from);
        }
    }

    public static SequenceRange of(long from, long to) {
        return new SequenceRange(from, to);
    }

    public static SequenceRange single(long sequence) {
        return new SequenceRange(sequence, sequence);
    }

    public boolean contains(long sequence) {
        return sequence >= from && sequence <= to;
    }
}
