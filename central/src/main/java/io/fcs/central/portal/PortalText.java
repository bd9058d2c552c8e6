package io.fcs.central.portal;

import io.fcs.central.web.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.OptionalLong;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How the portal writes money, dates and refusals in the visitor's language; used by the
 * templates as {@code @portalText}. Money arrives as integer minor units and a currency code and
 * is never turned into a floating-point number.
 */
@Component("portalText")
public class PortalText {

    private final MessageSource messages;

    PortalText(MessageSource messages) {
        this.messages = messages;
    }

    /** {@code 2050, "EUR"} → "€20.50" in English, "20,50 €" in French. */
    public String money(long minor, String currency) {
        Currency c = Currency.getInstance(currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(LocaleContextHolder.getLocale());
        format.setCurrency(c);
        format.setMinimumFractionDigits(c.getDefaultFractionDigits());
        format.setMaximumFractionDigits(c.getDefaultFractionDigits());
        return format.format(BigDecimal.valueOf(minor, c.getDefaultFractionDigits()));
    }

    public String date(LocalDate date) {
        return date == null
                ? ""
                : date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(LocaleContextHolder.getLocale()));
    }

    public String time(Instant instant) {
        return instant == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(LocaleContextHolder.getLocale())
                        .withZone(ZoneId.of("UTC"))
                        .format(instant);
    }

    /** A refusal of a service in plain words: {@code portal.problem.<code>}, else the service's own detail. */
    public String problem(ApiException e) {
        return messages.getMessage("portal.problem." + e.code(), null, e.detail(), LocaleContextHolder.getLocale());
    }

    public String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /**
     * Reads an amount typed by a person ("20", "20.5", "20,50") into minor units of the currency;
     * empty when it is not a positive amount with at most the currency's decimals.
     */
    static OptionalLong cents(String typed, String currency) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        String text = typed.strip().replace(',', '.').replace(" ", "").replace("\u00a0", "");
        if (text.isEmpty() || text.length() > 12 || !text.matches("[0-9]+(\\.[0-9]*)?")) {
            return OptionalLong.empty();
        }
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        BigDecimal amount = new BigDecimal(text);
        if (amount.scale() > digits) {
            return OptionalLong.empty();
        }
        long minor = amount.setScale(digits, RoundingMode.UNNECESSARY)
                .movePointRight(digits)
                .longValueExact();
        return minor > 0 ? OptionalLong.of(minor) : OptionalLong.empty();
    }

    static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
