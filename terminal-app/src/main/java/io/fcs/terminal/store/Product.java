package io.fcs.terminal.store;

import java.util.Objects;

/** A product on the price list of this point of sale. */
public record Product(String code, String name, long priceMinor, String category) {

    public Product {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        if (priceMinor < 0) {
            throw new IllegalArgumentException("price of " + code + " is negative: " + priceMinor);
        }
    }
}
