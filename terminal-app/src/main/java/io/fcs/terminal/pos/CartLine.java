package io.fcs.terminal.pos;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.terminal.store.Product;

/** A product and how many of it are in the cart. */
public record CartLine(Product product, int quantity) {

    public CartLine {
        if (quantity < 1 || quantity > 99) {
            throw new IllegalArgumentException("quantity must be 1..99, was " + quantity);
        }
    }

    public Money total(Currency currency) {
        return Money.of(product.priceMinor(), currency).times(quantity);
    }
}
