package io.fcs.central.backoffice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * Reading what people type into the back-office forms. Bad input is a {@link Refused} with a
 * message key; the page shows the form again with that message and changes nothing.
 */
final class FormInput {

    /** Input the form cannot take: {@code key} names the message, {@code args} fill it. */
    static final class Refused extends RuntimeException {
        private final String key;
        private final transient Object[] args;

        Refused(String key, Object... args) {
            super(key, null, false, false);
            this.key = key;
            this.args = args;
        }

        String key() {
            return key;
        }

        Object[] args() {
            return args;
        }
    }

    private FormInput() {}

    /** An amount in the currency's units ({@code 12.50} or {@code 12,50}) as cents. */
    static long cents(String text, String field, boolean negativeAllowed) {
        if (text == null || text.isBlank()) {
            throw new Refused("bo.input.required", field);
        }
        try {
            BigDecimal amount = new BigDecimal(text.strip().replace(',', '.').replace(" ", ""));
            if (amount.scale() > 2) {
                throw new Refused("bo.input.amount", field);
            }
            long cents = amount.setScale(2, RoundingMode.UNNECESSARY)
                    .movePointRight(2)
                    .longValueExact();
            if (!negativeAllowed && cents < 0) {
                throw new Refused("bo.input.amount", field);
            }
            return cents;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Refused("bo.input.amount", field);
        }
    }

    static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new Refused("bo.input.required", field);
        }
        String clean = value.strip();
        if (clean.length() > max) {
            throw new Refused("bo.input.tooLong", field, max);
        }
        return clean;
    }

    static int whole(String value, String field, int min, int max) {
        if (value == null || value.isBlank()) {
            throw new Refused("bo.input.required", field);
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new Refused("bo.input.range", field, min, max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refused("bo.input.range", field, min, max);
        }
    }

    static UUID id(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new Refused("bo.input.required", field);
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("bo.input.id", field);
        }
    }
}
