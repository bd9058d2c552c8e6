package io.fcs.terminal.gate;

import io.fcs.terminal.store.CheckIn;

/** Port: tells the other gates of the zone (through the edge) about a passage here, best effort. */
@FunctionalInterface
public interface CheckInPublisher {

    void published(CheckIn checkIn);

    static CheckInPublisher none() {
        return checkIn -> {};
    }
}
