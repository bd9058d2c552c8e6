package io.fcs.terminal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A festival root CA for tests, Ed25519 like the one provisioning keeps: issues the terminal's
 * certificate for its enrolled key, and certificates for a broker and an edge client, as
 * provisioning does for real devices (decision 0163).
 */
final class TestFestivalCa {

    static final char[] PASSWORD = "test".toCharArray();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    final X509Certificate certificate;

    TestFestivalCa(String name) {
        keys = ed25519();
        X500Name subject = new X500Name("CN=" + name);
        certificate = build(
                subject,
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                subject,
                keys.getPrivate(),
                true,
                null,
                null);
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A terminal certificate for the raw Ed25519 public key of an enrolled device key. */
    X509Certificate terminal(String terminalId, byte[] rawPublicKey) {
        SubjectPublicKeyInfo spki =
                new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), rawPublicKey);
        return build(
                new X500Name("CN=" + terminalId + ",OU=TERMINAL-POS"),
                spki,
                new X500Name(certificate.getSubjectX500Principal().getName()),
                keys.getPrivate(),
                false,
                KeyPurposeId.id_kp_clientAuth,
                null);
    }

    /** A certificate for {@code key}: a broker's (server, with the loopback address) or a client's. */
    X509Certificate device(String commonName, KeyPair key, boolean server) {
        return build(
                new X500Name("CN=" + commonName),
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()),
                new X500Name(certificate.getSubjectX500Principal().getName()),
                keys.getPrivate(),
                false,
                server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth,
                server ? new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")) : null);
    }

    /** A key store holding {@code key} with its certificate and this CA. */
    KeyStore keyStore(KeyPair key, X509Certificate leaf) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("device", key.getPrivate(), PASSWORD, new Certificate[] {leaf, certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("festival-ca", certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path writeCertificatePem(Path file, List<X509Certificate> certificates) throws IOException {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                pem.append(pem("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Files.writeString(file, pem.toString());
    }

    static Path writeKeyPem(Path file, PrivateKey key) throws IOException {
        return Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static X509Certificate build(
            X500Name subject,
            SubjectPublicKeyInfo publicKey,
            X500Name issuer,
            PrivateKey signer,
            boolean ca,
            KeyPurposeId purpose,
            GeneralNames alternatives) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    issuer,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    subject,
                    publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (alternatives != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(signer)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate for " + subject, e);
        }
    }
}
