package io.fcs.terminal.enrol;

import io.fcs.terminal.store.TerminalStore;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The MQTT TLS material of an enrolled terminal, built in memory from what enrolment stored: a
 * PKCS#12 key store holding the device's Ed25519 key with its certificate chain (device first,
 * festival root CA last), and a trust store holding the festival root CA. The sync client uses
 * them unless {@code --tls-keystore} / {@code --tls-truststore} name files.
 */
public final class EnrolledTls {

    /** The alias of the terminal's key entry. */
    public static final String KEY_ALIAS = "terminal";

    public static final String CA_ALIAS = "festival-ca";

    /** PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): SEQUENCE { 0, { id-Ed25519 }, OCTET STRING { seed } }. */
    private static final byte[] PKCS8_ED25519_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private EnrolledTls() {}

    /** The key store, or empty when this terminal was not enrolled with a certificate chain. */
    public static Optional<KeyStore> keyStore(TerminalStore store, char[] password) {
        Optional<List<X509Certificate>> chain = chain(store);
        Optional<String> seed = store.setting(Enrolment.SEED);
        if (chain.isEmpty() || seed.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(seed.get());
            byte[] pkcs8 = new byte[PKCS8_ED25519_PREFIX.length + raw.length];
            System.arraycopy(PKCS8_ED25519_PREFIX, 0, pkcs8, 0, PKCS8_ED25519_PREFIX.length);
            System.arraycopy(raw, 0, pkcs8, PKCS8_ED25519_PREFIX.length, raw.length);
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(KEY_ALIAS, key, password, chain.get().toArray(Certificate[]::new));
            return Optional.of(keys);
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the enrolled key and certificates do not make a key store: " + e, e);
        }
    }

    /** The trust store with the festival root CA (the chain's last certificate), or empty. */
    public static Optional<KeyStore> trustStore(TerminalStore store) {
        Optional<List<X509Certificate>> chain = chain(store);
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(CA_ALIAS, chain.get().getLast());
            return Optional.of(trust);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the festival CA certificate does not make a trust store: " + e, e);
        }
    }

    private static Optional<List<X509Certificate>> chain(TerminalStore store) {
        Optional<String> text = store.setting(Enrolment.CERTIFICATE_CHAIN).filter(s -> !s.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (String der : text.get().split(",")) {
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(der.trim()))));
            }
            return Optional.of(certificates);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored certificate chain does not read: " + e, e);
        }
    }
}
