package io.fcs.terminal.ui;

import io.fcs.protocol.value.Money;
import java.util.Locale;

/** Money for people: {@code 12,50 €} in French, {@code €12.50} in English; no floating point. */
public final class MoneyFormat {

    private MoneyFormat() {}

    public static String format(Money money, Locale locale) {
        long abs = Math.abs(money.minor());
        String sign = money.minor() < 0 ? "-" : "";
        String symbol =
                "EUR".equals(money.currency().code()) ? "€" : money.currency().code();
        if ("fr".equals(locale.getLanguage())) {
            return "%s%d,%02d %s".formatted(sign, abs / 100, abs % 100, symbol);
        }
        return "%s%s%d.%02d".formatted(sign, symbol, abs / 100, abs % 100);
    }
}
