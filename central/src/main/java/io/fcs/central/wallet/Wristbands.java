package io.fcs.central.wallet;

import java.util.Locale;
import java.util.regex.Pattern;

/** Wristband UIDs as central keeps them: lower-case hex of the 4, 7 or 10 UID bytes. */
public final class Wristbands {

    private static final Pattern UID = Pattern.compile("([0-9a-f]{8}|[0-9a-f]{14}|[0-9a-f]{20})");

    private Wristbands() {}

    /** Normalises a UID; throws {@link IllegalArgumentException} for anything else. */
    public static String uid(String text) {
        String uid = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("a wristband uid is 4, 7 or 10 bytes of hex, was " + text);
        }
        return uid;
    }
}
