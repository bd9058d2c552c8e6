package io.fcs.central.backoffice;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formats money, times and durations for the pages ({@code ${@boFormat.money(cents, 'EUR')}}), in
 * the visitor's language. Times are shown in UTC, labelled so.
 */
@Component("boFormat")
class BackOfficeFormat {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    public String money(long cents, String currency) {
        Locale locale = LocaleContextHolder.getLocale();
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            format.setCurrency(Currency.getInstance(currency == null ? "EUR" : currency));
        } catch (IllegalArgumentException e) {
            // an unknown code keeps the locale's currency symbol; the amount is still right
        }
        return format.format(BigDecimal.valueOf(cents, 2));
    }

    /** Cents as a plain decimal for a form field, e.g. {@code 12.50}. */
    public String decimal(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant) + " UTC";
    }

    public String minute(Instant instant) {
        return instant == null ? "—" : MINUTE.format(instant);
    }

    public String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long s = Math.abs(d.toSeconds());
        String sign = d.isNegative() ? "−" : "";
        if (s < 120) {
            return sign + s + " s";
        }
        if (s < 7200) {
            return sign + (s / 60) + " min";
        }
        if (s < 172_800) {
            return sign + (s / 3600) + " h";
        }
        return sign + (s / 86_400) + " d";
    }

    public String since(Instant instant) {
        return instant == null ? "—" : duration(Duration.between(instant, Instant.now()));
    }

    /** The first 8 characters of an id, enough to tell ids apart on one page. */
    public String shortId(Object id) {
        if (id == null) {
            return "—";
        }
        String text = id.toString();
        return text.length() > 8 ? text.substring(0, 8) : text;
    }
}
