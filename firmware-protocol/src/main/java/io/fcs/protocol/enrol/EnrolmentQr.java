package io.fcs.protocol.enrol;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.enrol.EnrolmentFormatException.Reason;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one-time enrolment QR a terminal (or an edge's operator) scans: it carries the token,
 * the key that opens the sealed bundle, the token's expiry, the fingerprint of the festival
 * root CA the bundle must contain, and where to fetch the sealed bundle once.
 *
 * <pre>
 * EnrolmentQr v1 — one line of printable ASCII, fields separated by '|'
 *
 *   FCSENROL1|&lt;token&gt;|&lt;bundle key&gt;|&lt;expires&gt;|&lt;ca fingerprint&gt;|&lt;url&gt;
 *
 *   FCSENROL1        PREFIX (format name and version 1)
 *   token            16 bytes, base64url without padding (22 characters)
 *   bundle key       32 bytes (AES-256), base64url without padding (43 characters)
 *   expires          epoch seconds, decimal: the token is refused from this second on
 *   ca fingerprint   16 lowercase hex: first 8 bytes of SHA-256 of the CA certificate (DER)
 *   url              where the sealed bundle is served once (http/https), or empty when the
 *                    sealed bundle comes on removable media; the last field, taken to the end
 *                    of the line
 * </pre>
 *
 * <p>The token works once: the server that holds the sealed bundle hands it out a single
 * time and refuses it after its expiry; the device refuses an expired QR by itself too.
 */
public record EnrolmentQr(byte[] token, byte[] bundleKey, Instant expiresAt, String caFingerprint, String url) {

    public static final String PREFIX = "FCSENROL1";
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern URL = Pattern.compile("(https?://[\\x21-\\x7e]+)?");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public EnrolmentQr {
        if (token == null || token.length != SealedBundle.TOKEN_LENGTH) {
            throw new IllegalArgumentException("token must be " + SealedBundle.TOKEN_LENGTH + " bytes");
        }
        if (bundleKey == null || bundleKey.length != SealedBundle.KEY_LENGTH) {
            throw new IllegalArgumentException("bundle key must be " + SealedBundle.KEY_LENGTH + " bytes");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        if (caFingerprint == null || !FINGERPRINT.matcher(caFingerprint).matches()) {
            throw new IllegalArgumentException("CA fingerprint must be 16 lowercase hex digits");
        }
        url = url == null ? "" : url;
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("bundle URL must be http(s) printable ASCII or empty, was " + url);
        }
        token = token.clone();
        bundleKey = bundleKey.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public byte[] bundleKey() {
        return bundleKey.clone();
    }

    /** The token as the serving side names it (base64url, as in the QR). */
    public String tokenText() {
        return ENCODER.encodeToString(token);
    }

    /** The text to put in the QR symbol. */
    public String encode() {
        return String.join(
                "|",
                PREFIX,
                ENCODER.encodeToString(token),
                ENCODER.encodeToString(bundleKey),
                Long.toString(expiresAt.getEpochSecond()),
                caFingerprint,
                url);
    }

    /** Reads QR text; refuses malformed text with an {@link EnrolmentFormatException}. */
    public static EnrolmentQr parse(String text) {
        Objects.requireNonNull(text, "text");
        String line = text.strip();
        String[] fields = line.split("\\|", 6);
        if (fields.length == 0 || !fields[0].startsWith("FCSENROL")) {
            throw new EnrolmentFormatException(Reason.BAD_MAGIC, "not an enrolment QR");
        }
        if (!PREFIX.equals(fields[0])) {
            throw new EnrolmentFormatException(Reason.UNSUPPORTED_VERSION, "enrolment QR " + fields[0]);
        }
        if (fields.length != 6) {
            throw new EnrolmentFormatException(Reason.TRUNCATED, "enrolment QR has " + fields.length + " of 6 fields");
        }
        byte[] token = base64(fields[1], SealedBundle.TOKEN_LENGTH, "token");
        byte[] key = base64(fields[2], SealedBundle.KEY_LENGTH, "bundle key");
        long expires;
        try {
            expires = Long.parseLong(fields[3]);
        } catch (NumberFormatException e) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, "expiry is not a number");
        }
        if (expires <= 0 || !fields[3].equals(Long.toString(expires))) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, "expiry is not a canonical positive number");
        }
        try {
            return new EnrolmentQr(token, key, Instant.ofEpochSecond(expires), fields[4], fields[5]);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, e.getMessage());
        }
    }

    /** Reads QR text and refuses it when the token has expired at {@code now}. */
    public static EnrolmentQr parse(String text, Instant now) {
        EnrolmentQr qr = parse(text);
        qr.requireNotExpired(now);
        return qr;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public void requireNotExpired(Instant now) {
        if (expiredAt(now)) {
            throw new EnrolmentFormatException(Reason.EXPIRED, "enrolment token expired at " + expiresAt);
        }
    }

    /**
     * Opens a sealed bundle with this QR and checks that its root CA is the one the QR names.
     */
    public ConfigBundle open(byte[] sealed) {
        ConfigBundle bundle = SealedBundle.open(sealed, this);
        String actual = fingerprintOf(
                bundle.certificateChain().get(bundle.certificateChain().size() - 1));
        if (!actual.equals(caFingerprint)) {
            throw new EnrolmentFormatException(
                    Reason.BAD_FIELD, "bundle CA " + actual + " is not the CA " + caFingerprint + " of the QR");
        }
        return bundle;
    }

    /** How a certificate is named in a QR and on screens: first 8 bytes of SHA-256 of its DER, hex. */
    public static String fingerprintOf(byte[] certificateDer) {
        return Bytes.hex(io.fcs.protocol.crypto.Sha256.hash(certificateDer)).substring(0, 16);
    }

    private static byte[] base64(String field, int length, String what) {
        if (!BASE64URL.matcher(field).matches()) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, what + " is not base64url");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(field);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, what + " is not base64url");
        }
        if (bytes.length != length || !ENCODER.encodeToString(bytes).equals(field)) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, what + " must be " + length + " bytes");
        }
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnrolmentQr that && encode().equals(that.encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return "EnrolmentQr[token " + tokenText() + ", expires " + expiresAt + ", CA " + caFingerprint + ", " + url
                + "]";
    }
}
