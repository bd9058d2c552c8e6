package io.fcs.edge.testing;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway festival CA for TLS tests, issuing certificates with provisioning's SAN URIs, with
 * EC P-256 keys (default) or, like provisioning itself, Ed25519 keys for the CA and devices.
 */
public final class TestPki {

    /** The key type of the CA and of every device certificate it issues. */
    public enum Algorithm {
        EC_P256("SHA256withECDSA"),
        ED25519("Ed25519");

        final String signature;

        Algorithm(String signature) {
            this.signature = signature;
        }
    }

    public static final String PASSWORD = "changeit";
    private final Algorithm algorithm;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private long serial = 1;

    public TestPki() throws Exception {
        this(Algorithm.EC_P256);
    }

    public TestPki(Algorithm algorithm) throws Exception {
        this.algorithm = algorithm;
        this.caKeys = generate();
        ca = sign(new X500Name("CN=festival test CA"), caKeys, List.of(), true);
    }

    public X509Certificate ca() {
        return ca;
    }

    private KeyPair generate() {
        try {
            if (algorithm == Algorithm.ED25519) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, List<GeneralName> names, boolean isCa)
            throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                new X500Name("CN=festival test CA"),
                BigInteger.valueOf(serial++),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))),
                subject,
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!names.isEmpty()) {
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder(algorithm.signature).build(caKeys.getPrivate())));
    }

    /** A PKCS#12 key store for a device with SAN URIs {@code urn:fcs:<kind>:<id>}, festival and zone. */
    public Path device(Path folder, String kind, Object id, TestFestival festival) throws Exception {
        return device(folder, kind, id, festival, java.util.Optional.empty());
    }

    /** As {@link #device}, with {@code urn:fcs:mode:<MODE>} for a terminal's mode when given. */
    public Path device(Path folder, String kind, Object id, TestFestival festival, java.util.Optional<String> mode)
            throws Exception {
        KeyPair keys = generate();
        List<GeneralName> names = new java.util.ArrayList<>(List.of(
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:fcs:" + kind + ":" + id),
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:fcs:festival:" + festival.festival),
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:fcs:zone:" + festival.zone),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        mode.ifPresent(m -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, "urn:fcs:mode:" + m)));
        X509Certificate cert = sign(new X500Name("CN=" + id), keys, names, false);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("device", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert, ca});
        Path file = folder.resolve(kind + "-" + id + ".p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    public Path truststore(Path folder) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("festival-ca", ca);
        Path file = folder.resolve("truststore.p12");
        try (var out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
