package io.fcs.terminal.pos;

import io.fcs.protocol.value.Currency;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.tap.TapOutcome;
import java.time.Duration;
import java.util.List;

/**
 * Port of the POS screen to the terminal's sale logic (wristband, edge, records). Every call may
 * block on the reader, the network or the disk: the view model calls it off the UI thread.
 */
public interface SaleDesk {

    Currency currency();

    List<Product> catalogue();

    /** Opens a bar shift for this staff member unless one is open. */
    void openShift(Staff staff);

    /** Waits up to {@code tapWait} for a wristband and charges it. */
    TapOutcome charge(SaleRequest sale, Duration tapWait);

    /** Gives the last sale of this shift back to the wristband it came from (tapped again). */
    TapOutcome voidLastSale(Staff supervisor, Duration tapWait);

    /** After "tap again": waits for the wristband and finishes writing the sale already recorded. */
    TapOutcome completePending(Duration tapWait);

    ShiftReport currentShift();

    ShiftReport closeShift();
}
