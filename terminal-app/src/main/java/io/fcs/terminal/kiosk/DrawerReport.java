package io.fcs.terminal.kiosk;

import io.fcs.protocol.value.Money;
import java.util.Optional;

/** A cash drawer shift: opening float, cash taken for top-ups, and at the close what was counted. */
public record DrawerReport(
        boolean open, String cashier, Money openingFloat, Money cashTopUps, int topUps, Optional<Money> counted) {

    public Money expected() {
        return openingFloat.plus(cashTopUps);
    }

    /** Counted minus expected: negative when cash is missing. */
    public Optional<Money> difference() {
        return counted.map(c -> c.minus(expected()));
    }
}
