package io.fcs.terminal.login;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A staff PIN as it travels in the zone configuration and sits in the terminal's store: never the
 * PIN itself, a salted PBKDF2-HMAC-SHA256 of it.
 *
 * <pre>
 *   pbkdf2-sha256$&lt;iterations&gt;$&lt;salt, base64&gt;$&lt;32-byte hash, base64&gt;
 * </pre>
 *
 * A 4 to 8 digit PIN stays guessable by whoever holds the hash and time: the salt and the
 * iterations only make that slow, the PIN's real protection is the terminal's own attempt limit.
 */
public record PinHash(int iterations, byte[] salt, byte[] hash) {

    public static final String SCHEME = "pbkdf2-sha256";
    public static final int MIN_ITERATIONS = 1_000;
    public static final int MAX_ITERATIONS = 1_000_000;
    /** What {@link #of(String)} uses: about a millisecond or two per check on a terminal. */
    public static final int DEFAULT_ITERATIONS = 5_000;

    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PinHash {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    "PIN hash iterations must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS + ", was " + iterations);
        }
        if (salt.length < 8 || salt.length > 64) {
            throw new IllegalArgumentException("PIN hash salt must be 8..64 bytes, was " + salt.length);
        }
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("PIN hash must be " + HASH_BYTES + " bytes, was " + hash.length);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes a PIN with a fresh salt (provisioning, tests). */
    public static PinHash of(String pin) {
        Staff.requirePin("a PIN", pin);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PinHash(DEFAULT_ITERATIONS, salt, derive(pin, salt, DEFAULT_ITERATIONS));
    }

    /** Reads the text form; empty when it is not one (a garbled entry lets nobody in). */
    public static Optional<PinHash> parse(String text) {
        String[] parts = text.trim().split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PinHash(
                    Integer.parseInt(parts[1]),
                    Base64.getDecoder().decode(parts[2]),
                    Base64.getDecoder().decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean matches(String pin) {
        if (pin == null || !pin.matches("[0-9]{4,8}")) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(pin, salt, iterations));
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PinHash that
                && iterations == that.iterations
                && MessageDigest.isEqual(salt, that.salt)
                && MessageDigest.isEqual(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(hash);
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
