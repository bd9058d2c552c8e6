package io.fcs.protocol.ticket;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The festival days a ticket admits on: a first day and a 32-bit mask, bit {@code i} meaning
 * {@code first + i days}. Canonical: bit 0 is always set (the first day is the earliest valid
 * day), so one set of days has one form. Days are festival days ({@code FestivalTime#festivalDay}),
 * so Friday night after midnight still counts as Friday.
 */
public record ValidDays(LocalDate first, int mask) {

    public static final int MAX_SPAN = 32;
    /** The first day is carried as an unsigned 16-bit day count from 1970-01-01: up to 2149-06-06. */
    public static final LocalDate LAST_ENCODABLE = LocalDate.ofEpochDay(0xffff);

    public ValidDays {
        Objects.requireNonNull(first, "first");
        if ((mask & 1) == 0) {
            throw new IllegalArgumentException(
                    "bit 0 of the day mask must be set (the first day is valid), mask 0x" + Integer.toHexString(mask));
        }
        if (first.toEpochDay() < 0 || first.isAfter(LAST_ENCODABLE)) {
            throw new IllegalArgumentException(
                    "first valid day must be 1970-01-01.." + LAST_ENCODABLE + ", was " + first);
        }
    }

    /** The given days (at least one, all within 32 days of the earliest). */
    public static ValidDays of(Collection<LocalDate> days) {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a ticket is valid on at least one day");
        }
        LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
        int mask = 0;
        for (LocalDate day : days) {
            long offset = ChronoUnit.DAYS.between(first, day);
            if (offset >= MAX_SPAN) {
                throw new IllegalArgumentException(
                        "valid days must lie within " + MAX_SPAN + " days of " + first + ", " + day + " does not");
            }
            mask |= 1 << offset;
        }
        return new ValidDays(first, mask);
    }

    public static ValidDays of(LocalDate... days) {
        return of(List.of(days));
    }

    /** Every day from {@code first} to {@code last}, both included. */
    public static ValidDays range(LocalDate first, LocalDate last) {
        long span = ChronoUnit.DAYS.between(first, last) + 1;
        if (span < 1 || span > MAX_SPAN) {
            throw new IllegalArgumentException("a range must be 1.." + MAX_SPAN + " days, was " + first + ".." + last);
        }
        return new ValidDays(first, span == 32 ? -1 : (1 << span) - 1);
    }

    public boolean contains(LocalDate day) {
        long offset = ChronoUnit.DAYS.between(first, day);
        return offset >= 0 && offset < MAX_SPAN && (mask & (1 << offset)) != 0;
    }

    /** The valid days in order. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>(Integer.bitCount(mask));
        for (int i = 0; i < MAX_SPAN; i++) {
            if ((mask & (1 << i)) != 0) {
                days.add(first.plusDays(i));
            }
        }
        return List.copyOf(days);
    }

    @Override
    public String toString() {
        return days().toString();
    }
}
