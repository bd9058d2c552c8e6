package io.fcs.provisioning.keys;

import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.DeviceMode;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The festival root CA (Ed25519): issues itself, the ticket-key certificates, device and edge
 * certificates, and the signed revocation list. Certificates validate with plain JDK PKIX.
 */
public final class CertificateAuthority {

    /** Devices' certificates carry their identity as URIs in the subject alternative name. */
    public static final String URN_PREFIX = "urn:fcs:";

    private final X509Certificate certificate;
    private final PrivateKey key;

    public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.key = Objects.requireNonNull(key, "key");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A self-signed root for a festival: CA, path length 0, signs certificates and CRLs. */
    static X509Certificate selfSigned(
            FestivalId festival,
            String festivalName,
            PublicKey publicKey,
            PrivateKey privateKey,
            Instant now,
            Duration validity,
            SecureRandom random) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Festival root CA " + festival)
                .addRDN(BCStyle.O, festivalName)
                .build();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    name,
                    serial(random),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)),
                    name,
                    spki);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki));
            return convert(builder.build(signer(privateKey)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the festival root certificate", e);
        }
    }

    /** The certificate of a ticket-signing key: its validity is the key's validity. */
    X509Certificate issueTicketKey(
            String keyId,
            FestivalId festival,
            byte[] rawPublicKey,
            Instant validFrom,
            Instant validUntil,
            SecureRandom random) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Ticket signing key " + keyId)
                .addRDN(BCStyle.O, "festival " + festival)
                .build();
        return issue(
                subject,
                ed25519(rawPublicKey),
                validFrom,
                validUntil,
                new KeyUsage(KeyUsage.digitalSignature),
                null,
                List.of(),
                random);
    }

    /** What a device's certificate says about it. */
    public record DeviceSubject(
            DeviceKind kind,
            DeviceMode mode,
            UUID deviceId,
            FestivalId festival,
            ZoneId zone,
            String name,
            List<String> hosts) {
        public DeviceSubject {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(mode);
            Objects.requireNonNull(deviceId);
            Objects.requireNonNull(festival);
            Objects.requireNonNull(zone);
            Objects.requireNonNull(name);
            hosts = List.copyOf(hosts);
        }

        String kindName() {
            return kind == DeviceKind.EDGE ? "edge" : "terminal";
        }
    }

    /**
     * A device or edge certificate: end entity, digital signature only, TLS client (and server
     * for an edge), subject {@code CN=<id>, OU=<TERMINAL-POS|EDGE>, O=festival <id>} and SAN URIs
     * {@code urn:fcs:terminal:<id>}, {@code urn:fcs:festival:<id>}, {@code urn:fcs:zone:<id>},
     * {@code urn:fcs:mode:<MODE>} (plus DNS names / IP addresses for an edge).
     */
    public X509Certificate issueDevice(
            DeviceSubject subject,
            SubjectPublicKeyInfo publicKey,
            Instant now,
            Duration validity,
            SecureRandom random) {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, subject.deviceId().toString())
                .addRDN(
                        BCStyle.OU,
                        subject.kind() == DeviceKind.EDGE
                                ? "EDGE"
                                : "TERMINAL-" + subject.mode().name())
                .addRDN(BCStyle.O, "festival " + subject.festival())
                .build();
        List<GeneralName> alternatives = new ArrayList<>();
        alternatives.add(uri(subject.kindName() + ":" + subject.deviceId()));
        alternatives.add(uri("festival:" + subject.festival()));
        alternatives.add(uri("zone:" + subject.zone()));
        if (subject.kind() == DeviceKind.TERMINAL) {
            alternatives.add(uri("mode:" + subject.mode().name()));
        }
        for (String host : subject.hosts()) {
            boolean ip = host.matches("[0-9.]+") || host.contains(":");
            alternatives.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        List<KeyPurposeId> purposes = subject.kind() == DeviceKind.EDGE
                ? List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)
                : List.of(KeyPurposeId.id_kp_clientAuth);
        return issue(
                name,
                publicKey,
                now.minus(Duration.ofMinutes(5)),
                now.plus(validity),
                new KeyUsage(KeyUsage.digitalSignature),
                new GeneralNames(alternatives.toArray(GeneralName[]::new)),
                purposes,
                random);
    }

    private static GeneralName uri(String suffix) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, URN_PREFIX + suffix);
    }

    private X509Certificate issue(
            X500Name subject,
            SubjectPublicKeyInfo publicKey,
            Instant notBefore,
            Instant notAfter,
            KeyUsage usage,
            GeneralNames alternatives,
            List<KeyPurposeId> purposes,
            SecureRandom random) {
        try {
            X509CertificateHolder issuer = new X509CertificateHolder(certificate.getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                    issuer.getSubject(), serial(random), Date.from(notBefore), Date.from(notAfter), subject, publicKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, usage);
            if (!purposes.isEmpty()) {
                builder.addExtension(
                        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (alternatives != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            return convert(builder.build(signer(key)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    /** One revoked certificate in the festival's revocation list. */
    public record Revoked(BigInteger serial, Instant revokedAt, String reason) {}

    /** A CRL signed by the CA listing every revoked device certificate. */
    public X509CRL revocationList(List<Revoked> revoked, BigInteger number, Instant now, Duration nextUpdate) {
        try {
            X509CertificateHolder issuer = new X509CertificateHolder(certificate.getEncoded());
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer.getSubject(), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
            for (Revoked entry : revoked) {
                builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), CRLReason.cessationOfOperation);
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(number));
            X509CRLHolder holder = builder.build(signer(key));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the revocation list", e);
        }
    }

    /** The X.509 form of a raw 32-byte Ed25519 public key (RFC 8410). */
    public static SubjectPublicKeyInfo ed25519(byte[] rawPublicKey) {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), rawPublicKey);
    }

    /** The raw 32 bytes of an Ed25519 public key in X.509 form. */
    public static byte[] rawEd25519(SubjectPublicKeyInfo spki) {
        if (!EdECObjectIdentifiers.id_Ed25519.equals(spki.getAlgorithm().getAlgorithm())) {
            throw new IllegalArgumentException(
                    "not an Ed25519 key: " + spki.getAlgorithm().getAlgorithm());
        }
        return spki.getPublicKeyData().getBytes();
    }

    private static ContentSigner signer(PrivateKey privateKey) {
        try {
            return new JcaContentSignerBuilder("Ed25519").build(privateKey);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no Ed25519 signer in this JVM", e);
        }
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static BigInteger serial(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] &= 0x7f;
        bytes[0] |= 0x01;
        return new BigInteger(bytes);
    }
}
