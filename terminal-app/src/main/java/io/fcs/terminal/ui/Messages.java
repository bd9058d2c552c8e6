package io.fcs.terminal.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Screen texts in French and English ({@code io/fcs/terminal/messages*.properties}). */
public final class Messages {

    public static final String BUNDLE = "io.fcs.terminal.messages";

    private final ResourceBundle bundle;

    private Messages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static Messages of(Locale locale) {
        return new Messages(ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    public static Messages of(String language) {
        return of(Locale.forLanguageTag(language));
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    public Locale locale() {
        return bundle.getLocale();
    }

    /** The text for {@code key} with {0}, {1}... filled in; the key itself when missing (visible in tests). */
    public String get(String key, Object... arguments) {
        try {
            String pattern = bundle.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(arguments);
        } catch (MissingResourceException missing) {
            return key;
        }
    }
}
