package io.fcs.protocol.record;

import io.fcs.protocol.value.Money;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of a sale (or of a refund of returned items): a product of the bar's price list, how
 * many, and the unit price charged.
 *
 * @param productCode 1..16 characters of {@code A-Z 0-9 . _ -}, the price list's product code
 * @param quantity 1..{@value #MAX_QUANTITY}
 * @param unitPrice zero or positive
 */
public record SaleLine(String productCode, int quantity, Money unitPrice) {

    public static final int MAX_CODE_LENGTH = 16;
    public static final int MAX_QUANTITY = 999;

    private static final Pattern CODE = Pattern.compile("[A-Z0-9._-]{1," + MAX_CODE_LENGTH + "}");

    public SaleLine {
        if (productCode == null || !CODE.matcher(productCode).matches()) {
            throw new IllegalArgumentException(
                    "product code must be 1.." + MAX_CODE_LENGTH + " characters of A-Z 0-9 . _ -, was " + productCode);
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException("quantity must be 1.." + MAX_QUANTITY + ", was " + quantity);
        }
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("unit price must not be negative, was " + unitPrice);
        }
    }

    public static SaleLine of(String productCode, int quantity, Money unitPrice) {
        return new SaleLine(productCode, quantity, unitPrice);
    }

    /** {@code quantity × unitPrice}; throws {@link ArithmeticException} on overflow. */
    public Money total() {
        return unitPrice.times(quantity);
    }
}
