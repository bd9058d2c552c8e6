package io.fcs.central.config;

import io.fcs.protocol.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final SecretKey lookupKey;

    PersonalData(CentralProperties properties, DataFolder dataFolder) {
        String configured = properties.dataKey();
        if (configured == null || configured.isBlank()) {
            configured = "k1:" + dataFolder.secret("data-key", 32);
        }
        for (String entry : configured.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            String id = colon > 0 ? trimmed.substring(0, colon) : "k1";
            byte[] raw = Base64.getDecoder().decode(colon > 0 ? trimmed.substring(colon + 1) : trimmed);
            if (raw.length != 32) {
                throw new IllegalStateException(
                        "CENTRAL_DATA_KEY '" + id + "' must be 32 bytes (base64), was " + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        }
        this.activeKeyId = keys.keySet().iterator().next();
        String lookup = properties.lookupKey();
        byte[] lookupRaw = Base64.getDecoder()
                .decode(lookup == null || lookup.isBlank() ? dataFolder.secret("lookup-key", 32) : lookup);
        this.lookupKey = new SecretKeySpec(lookupRaw, "HmacSHA256");
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
