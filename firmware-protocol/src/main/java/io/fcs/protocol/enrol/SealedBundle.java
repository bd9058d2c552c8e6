package io.fcs.protocol.enrol;

import io.fcs.protocol.enrol.EnrolmentFormatException.Reason;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A config bundle encrypted for transport (served once over the zone LAN, or copied on a USB
 * stick): AES-256-GCM under the one-time bundle key that only the enrolment QR carries. The
 * header (magic, version, token, nonce) is the associated data, so a sealed bundle opens only
 * with the key and the token of its own QR.
 *
 * <pre>
 * SealedBundle v1
 *
 *  offset  size  field
 *  ------  ----  ----------------------------------------------------------------
 *       0  4     MAGIC "FCSS" (46 43 53 53)
 *       4  1     VERSION = 0x01
 *       5  16    token (the enrolment token of the QR, random)
 *      21  12    GCM nonce (random)
 *      33  n+16  AES-256-GCM ciphertext of the ConfigBundle bytes, 16-byte tag last
 *                associated data = bytes 0..32 (the header above)
 * </pre>
 */
public final class SealedBundle {

    static final byte[] MAGIC = {'F', 'C', 'S', 'S'};
    public static final int VERSION = 1;
    public static final int TOKEN_LENGTH = 16;
    public static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 12;
    static final int HEADER_LENGTH = 4 + 1 + TOKEN_LENGTH + NONCE_LENGTH;
    static final int TAG_BITS = 128;
    private static final int ENCRYPT = 1;
    private static final int DECRYPT = 2;

    private SealedBundle() {}

    /** Encrypts bundle bytes with a fresh nonce. */
    public static byte[] seal(byte[] bundle, byte[] token, byte[] key, SecureRandom random) {
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return seal(bundle, token, key, nonce);
    }

    /** Encrypts with a given nonce: for golden vectors only; never reuse a nonce with a key. */
    static byte[] seal(byte[] bundle, byte[] token, byte[] key, byte[] nonce) {
        Objects.requireNonNull(bundle, "bundle");
        checkLength("token", token, TOKEN_LENGTH);
        checkLength("bundle key", key, KEY_LENGTH);
        checkLength("nonce", nonce, NONCE_LENGTH);
        byte[] header = new Wire.Writer()
                .bytes(MAGIC)
                .u8(VERSION)
                .bytes(token)
                .bytes(nonce)
                .toByteArray();
        byte[] ciphertext = crypt(ENCRYPT, key, nonce, header, bundle);
        return new Wire.Writer().bytes(header).bytes(ciphertext).toByteArray();
    }

    /** The token a sealed bundle was made for (readable without the key). */
    public static byte[] token(byte[] sealed) {
        checkHeader(sealed);
        return Arrays.copyOfRange(sealed, 5, 5 + TOKEN_LENGTH);
    }

    /**
     * Decrypts and parses: refuses with {@link Reason#DECRYPTION_FAILED} when the key or the
     * token is not the one of this bundle or when any byte was changed.
     */
    public static ConfigBundle open(byte[] sealed, byte[] token, byte[] key) {
        checkHeader(sealed);
        checkLength("token", token, TOKEN_LENGTH);
        checkLength("bundle key", key, KEY_LENGTH);
        if (!Arrays.equals(token(sealed), token)) {
            throw new EnrolmentFormatException(Reason.DECRYPTION_FAILED, "bundle was sealed for another token");
        }
        byte[] header = Arrays.copyOf(sealed, HEADER_LENGTH);
        byte[] nonce = Arrays.copyOfRange(sealed, 5 + TOKEN_LENGTH, HEADER_LENGTH);
        byte[] plain = crypt(DECRYPT, key, nonce, header, Arrays.copyOfRange(sealed, HEADER_LENGTH, sealed.length));
        return ConfigBundle.parse(plain);
    }

    /** Opens a sealed bundle with what an enrolment QR carries. */
    public static ConfigBundle open(byte[] sealed, EnrolmentQr qr) {
        return open(sealed, qr.token(), qr.bundleKey());
    }

    private static void checkHeader(byte[] sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
            throw new EnrolmentFormatException(Reason.BAD_MAGIC, "not a sealed bundle");
        }
        if (sealed.length < HEADER_LENGTH + TAG_BITS / 8) {
            throw new EnrolmentFormatException(Reason.TRUNCATED, "sealed bundle of " + sealed.length + " bytes");
        }
        if ((sealed[4] & 0xff) != VERSION) {
            throw new EnrolmentFormatException(
                    Reason.UNSUPPORTED_VERSION, "sealed bundle version " + (sealed[4] & 0xff));
        }
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(mode == ENCRYPT, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, aad));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        try {
            int length = cipher.processBytes(input, 0, input.length, out, 0);
            length += cipher.doFinal(out, length);
            return length == out.length ? out : Arrays.copyOf(out, length);
        } catch (InvalidCipherTextException e) {
            throw new EnrolmentFormatException(Reason.DECRYPTION_FAILED, "wrong bundle key or tampered bundle");
        }
    }

    private static void checkLength(String what, byte[] bytes, int length) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }
}
