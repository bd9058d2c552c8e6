package io.fcs.protocol.record;

/** Missing sequences {@code first..last}, both included. */
public record SequenceRange(long first, long last) {

    public SequenceRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("sequence range must be 1 <= first <= last, was " + first + ".." + last);
        }
    }

    public static SequenceRange of(long first, long last) {
        return new SequenceRange(first, last);
    }

    public long size() {
        return last - first + 1;
    }

    public boolean contains(long sequence) {
        return sequence >= first && sequence <= last;
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + ".." + last;
    }
}
