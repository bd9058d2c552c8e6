package io.fcs.protocol.value;

import java.util.regex.Pattern;

/**
 * An ISO 4217 alphabetic currency code. Festivals run in one currency; amounts of different
 * currencies never meet in one sum.
 */
public record Currency(String code) {

    // Declared before EUR: static fields initialise in order, and EUR's constructor uses it.
    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    public static final Currency EUR = new Currency("EUR");

    public Currency {
        if (code == null || !ISO_4217.matcher(code).matches()) {
            throw new IllegalArgumentException("currency must be three upper-case letters (ISO 4217), was " + code);
        }
    }

    public static Currency of(String code) {
        return new Currency(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
