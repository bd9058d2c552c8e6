package io.fcs.central.config;

import io.fcs.protocol.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encryption at rest of personal data (names, e-mails) and of stored private keys: AES-256-GCM
 * with a random 96-bit nonce, stored as {@code v1:<keyId>:<base64(nonce || ciphertext+tag)>}.
 * The key lives outside the database ({@code CENTRAL_DATA_KEY} or {@code <data-dir>/data-key}).
 * Several keys may be configured ({@code id1:key1,id2:key2}): the first encrypts, all decrypt,
 * so keys rotate without re-encrypting everything at once.
 *
 * <p>E-mails are looked up through a keyed hash ({@link #lookupHash}, HMAC-SHA256 with a key of
 * its own, {@code CENTRAL_LOOKUP_KEY} or {@code <data-dir>/lookup-key}), which does not change
 * when the encryption key rotates.
 */
@Component
public class PersonalData {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final SecretKey lookupKey;

    @org.springframework.beans.factory.annotation.Autowired
    PersonalData(CentralProperties properties, DataFolder dataFolder) {
        this(
                properties.dataKey() == null || properties.dataKey().isBlank()
                        ? "k1:" + dataFolder.secret("data-key", 32)
                        : properties.dataKey(),
                properties.lookupKey() == null || properties.lookupKey().isBlank()
                        ? dataFolder.secret("lookup-key", 32)
                        : properties.lookupKey());
    }

    private PersonalData(String configured, String lookup) {
        for (String entry : configured.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            String id = colon > 0 ? trimmed.substring(0, colon) : "k1";
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException(
                        "CENTRAL_DATA_KEY ids are 1-32 letters, digits, '-' or '_', was '" + id + "'");
            }
            byte[] raw = Base64.getDecoder().decode(colon > 0 ? trimmed.substring(colon + 1) : trimmed);
            if (raw.length != 32) {
                throw new IllegalStateException(
                        "CENTRAL_DATA_KEY '" + id + "' must be 32 bytes (base64), was " + raw.length);
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(raw, "AES")) != null) {
                throw new IllegalStateException("CENTRAL_DATA_KEY names '" + id + "' twice");
            }
        }
        this.activeKeyId = keys.keySet().iterator().next();
        this.lookupKey = new SecretKeySpec(Base64.getDecoder().decode(lookup), "HmacSHA256");
    }

    /**
     * Keys as {@code CENTRAL_DATA_KEY} spells them ({@code id:base64,...}, the first encrypts) and
     * the base64 lookup key: for maintenance tools and tests that hold keys of their own.
     */
    public static PersonalData of(String dataKeys, String lookupKey) {
        return new PersonalData(dataKeys, lookupKey);
    }

    /** Every configured key id, the active one first. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    /** The id of the key {@code stored} is encrypted under, or empty when it is not an encrypted value. */
    public static Optional<String> keyIdOf(String stored) {
        if (stored == null || !stored.startsWith("v1:")) {
            return Optional.empty();
        }
        int end = stored.indexOf(':', 3);
        return end > 3 ? Optional.of(stored.substring(3, end)) : Optional.empty();
    }

    /** The same plain value encrypted under the active key (a fresh nonce). */
    public String reencrypt(String stored) {
        return encryptBytes(decryptBytes(stored));
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Encrypts with the active key; {@code null} stays {@code null}. */
    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        return encryptBytes(plain.getBytes(StandardCharsets.UTF_8));
    }

    public String encryptBytes(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return "v1:" + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Decrypts a value written by {@link #encrypt}; {@code null} stays {@code null}. */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        return new String(decryptBytes(stored), StandardCharsets.UTF_8);
    }

    public byte[] decryptBytes(String stored) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalStateException("not an encrypted value");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("data key '" + parts[1] + "' is not configured");
        }
        byte[] in = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(parts[1].getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypted value was tampered with or the key is wrong", e);
        }
    }

    /** The keyed lookup hash of an e-mail (normalised: trimmed, lower case), hex. */
    public String lookupHash(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            return Bytes.hex(mac.doFinal(normaliseEmail(email).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public static String normaliseEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
