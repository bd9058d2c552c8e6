package io.fcs.terminal.store;

import java.time.Instant;
import java.util.Objects;

/** A staff member's shift on this terminal: a bar shift (POS) or a cash drawer (CASH) with its opening float. */
public record Shift(String id, String kind, String staff, Instant openedAt, long floatMinor) {

    public static final String POS = "POS";
    public static final String CASH = "CASH";

    public Shift {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(openedAt, "openedAt");
        if (floatMinor < 0) {
            throw new IllegalArgumentException("opening float is negative: " + floatMinor);
        }
    }
}
