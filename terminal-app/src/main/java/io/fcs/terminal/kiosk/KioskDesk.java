package io.fcs.terminal.kiosk;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.tap.TapOutcome;
import java.time.Duration;

/** Port of the kiosk and cash desk screens to the wristband, the payment provider and the drawer. */
public interface KioskDesk {

    Currency currency();

    BalanceOutcome balance(Duration wait);

    /** Charges the card first, then credits the wristband (still on the reader). */
    TapOutcome topUpByCard(Money amount, Duration wait);

    /** Cash handed to the cashier: needs an open drawer. */
    TapOutcome topUpCash(Money amount, Staff cashier, Duration wait);

    DrawerReport openDrawer(Staff cashier, Money openingFloat);

    DrawerReport drawer();

    DrawerReport closeDrawer(Money counted);
}
