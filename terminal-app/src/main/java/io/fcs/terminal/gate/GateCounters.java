package io.fcs.terminal.gate;

/** This gate's own counts since it started recording. */
public record GateCounters(long in, long out) {

    public long occupancy() {
        return Math.max(0, in - out);
    }
}
