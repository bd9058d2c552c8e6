package io.fcs.terminal.gate;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** A gate desk answering what the test scripted. */
final class ScriptedGateDesk implements GateDesk {

    final Deque<GateOutcome> outcomes = new ArrayDeque<>();
    int binds;
    long in;

    @Override
    public GateOutcome scan(String qrText, boolean exit) {
        GateOutcome outcome = outcomes.pop();
        if (outcome instanceof GateOutcome.Admitted) {
            in++;
        }
        return outcome;
    }

    @Override
    public GateOutcome tapWristband(boolean exit, Duration wait) {
        return outcomes.pop();
    }

    @Override
    public GateOutcome bind(String ticketId, Duration wait) {
        binds++;
        return outcomes.isEmpty() ? GateOutcome.Refused.of(GateOutcome.Reason.NO_WRISTBAND) : outcomes.pop();
    }

    @Override
    public GateCounters counters() {
        return new GateCounters(in, 0);
    }
}
