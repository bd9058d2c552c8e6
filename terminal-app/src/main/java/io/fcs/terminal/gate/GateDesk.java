package io.fcs.terminal.gate;

import java.time.Duration;

/** Port of the gate screen to ticket verification, the wristband reader and the local check-ins. */
public interface GateDesk {

    /** Verifies a scanned QR text and, when admitted, records the passage. */
    GateOutcome scan(String qrText, boolean exit);

    /** Waits for a wristband: re-entry (or exit) of a bound wristband. */
    GateOutcome tapWristband(boolean exit, Duration wait);

    /** Waits for a wristband and binds it to a ticket that was just admitted for the first time. */
    GateOutcome bind(String ticketId, Duration wait);

    GateCounters counters();
}
