package io.fcs.terminal.pos;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import java.util.List;

/** What the bar asks the wristband to pay. */
public record SaleRequest(List<CartLine> lines, Money total, Staff operator) {

    public SaleRequest {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a sale has at least one line");
        }
        if (!total.isPositive()) {
            throw new IllegalArgumentException("a sale total is positive, was " + total);
        }
    }
}
