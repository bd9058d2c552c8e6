package io.fcs.provisioning.keys;

import io.fcs.protocol.crypto.AesCmac;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.value.FestivalId;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.ProvisioningException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A festival's secrets in one password-protected PKCS#12 file ({@value #STORE}): the root CA
 * key and certificate, every ticket-signing key (each with a certificate from the CA whose
 * validity is the key's validity) and the wristband key-diversification master key. Beside it,
 * public files only: the CA certificate ({@value #CA_PEM}) and a summary of fingerprints
 * ({@value #SUMMARY}) that {@code keys show} prints without the password.
 */
public final class FestivalKeys {

    public static final String STORE = "festival.p12";
    public static final String CA_PEM = "festival-ca.pem";
    public static final String SUMMARY = "festival.properties";
    static final String CA_ALIAS = "ca";
    static final String TICKET_PREFIX = "ticket-";
    static final String WRISTBAND_ALIAS = "wristband-master";
    /** "Open ended" ticket keys carry this notAfter in their certificate. */
    static final Instant OPEN_END = Instant.parse("9999-12-31T23:59:59Z");

    private static final byte[] CHECK_VALUE_INPUT =
            "FCS wristband master key check".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    private final FestivalId festival;
    private final CertificateAuthority ca;
    private final PrivateKey caKey;
    private final List<TicketKey> ticketKeys;
    private final byte[] wristbandMasterKey;

    private FestivalKeys(
            Path dir,
            FestivalId festival,
            CertificateAuthority ca,
            PrivateKey caKey,
            List<TicketKey> ticketKeys,
            byte[] wristbandMasterKey) {
        this.dir = dir;
        this.festival = festival;
        this.ca = ca;
        this.caKey = caKey;
        this.ticketKeys = List.copyOf(ticketKeys);
        this.wristbandMasterKey = wristbandMasterKey.clone();
    }

    /** The key ceremony: a new root CA, a first ticket key, a random wristband master key. */
    public static FestivalKeys create(
            Path dir,
            FestivalId festival,
            String festivalName,
            char[] password,
            Instant now,
            Duration caValidity,
            SecureRandom random) {
        now = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (Files.exists(dir.resolve(STORE))) {
            throw ProvisioningException.refused(
                    "festival keys already exist in " + dir + "; nothing changed (use another --dir)");
        }
        KeyPair caPair = generateEd25519(random);
        X509Certificate caCertificate = CertificateAuthority.selfSigned(
                festival, festivalName, caPair.getPublic(), caPair.getPrivate(), now, caValidity, random);
        CertificateAuthority ca = new CertificateAuthority(caCertificate, caPair.getPrivate());
        Ed25519.SigningKey ticketKey = Ed25519.generate(random);
        TicketKey first = new TicketKey(keyIdFor(ticketKey.verificationKey()), ticketKey, now, null);
        byte[] master = new byte[AesCmac.KEY_LENGTH];
        random.nextBytes(master);
        FestivalKeys keys = new FestivalKeys(dir, festival, ca, caPair.getPrivate(), List.of(first), master);
        keys.save(password, now, random);
        return keys;
    }

    /** Opens the key store; a wrong password or a damaged file is refused with a clear message. */
    public static FestivalKeys open(Path dir, char[] password) {
        Path storeFile = dir.resolve(STORE);
        if (!Files.exists(storeFile)) {
            throw ProvisioningException.refused("no festival keys in " + dir + " (run: keys init)");
        }
        byte[] bytes = AtomicFiles.read(storeFile, "key store");
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw ProvisioningException.refused("wrong password for " + storeFile);
            }
            throw ProvisioningException.refused("key store " + storeFile + " is corrupt: " + e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ProvisioningException.refused("key store " + storeFile + " is corrupt: " + e.getMessage());
        }
        try {
            PrivateKey caKey = (PrivateKey) store.getKey(CA_ALIAS, password);
            X509Certificate caCertificate = (X509Certificate) store.getCertificate(CA_ALIAS);
            if (caKey == null || caCertificate == null) {
                throw ProvisioningException.refused("key store " + storeFile + " holds no festival CA");
            }
            FestivalId festival = festivalOf(caCertificate);
            List<TicketKey> ticketKeys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (alias.startsWith(TICKET_PREFIX)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
                    Instant until = certificate.getNotAfter().toInstant();
                    ticketKeys.add(new TicketKey(
                            alias.substring(TICKET_PREFIX.length()),
                            Ed25519.SigningKey.fromSeed(seedOf(key)),
                            certificate.getNotBefore().toInstant(),
                            until.equals(OPEN_END) ? null : until));
                }
            }
            ticketKeys.sort(Comparator.comparing(TicketKey::validFrom).thenComparing(TicketKey::keyId));
            var master = store.getKey(WRISTBAND_ALIAS, password);
            if (ticketKeys.isEmpty() || master == null) {
                throw ProvisioningException.refused("key store " + storeFile + " is incomplete");
            }
            return new FestivalKeys(
                    dir,
                    festival,
                    new CertificateAuthority(caCertificate, caKey),
                    caKey,
                    ticketKeys,
                    master.getEncoded());
        } catch (UnrecoverableKeyException e) {
            throw ProvisioningException.refused("wrong password for " + storeFile);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw ProvisioningException.refused("key store " + storeFile + " is corrupt: " + e.getMessage());
        }
    }

    /**
     * Rotation: a new ticket key valid from {@code now}; every key without an end (or ending
     * later) stays valid for {@code overlap} more, then expires. Saved before it is returned.
     */
    public FestivalKeys rotateTicketKey(Duration overlap, char[] password, Instant now, SecureRandom random) {
        if (overlap.isNegative()) {
            throw ProvisioningException.refused("overlap must not be negative");
        }
        now = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant end = now.plus(overlap);
        List<TicketKey> next = new ArrayList<>();
        for (TicketKey key : ticketKeys) {
            if (key.validUntil() != null && !key.validUntil().isAfter(now)) {
                continue; // long expired keys leave the store at rotation
            }
            Instant until = key.validUntil() == null || key.validUntil().isAfter(end) ? end : key.validUntil();
            next.add(new TicketKey(key.keyId(), key.signingKey(), key.validFrom(), until));
        }
        Ed25519.SigningKey fresh = Ed25519.generate(random);
        next.add(new TicketKey(keyIdFor(fresh.verificationKey()), fresh, now, null));
        FestivalKeys rotated = new FestivalKeys(dir, festival, ca, caKey, next, wristbandMasterKey);
        rotated.save(password, now, random);
        return rotated;
    }

    /** Ticket key ids: "tk-" and the first 8 hex digits of the key's fingerprint. */
    static String keyIdFor(Ed25519.VerificationKey key) {
        return "tk-" + key.fingerprint().substring(0, 8);
    }

    private void save(char[] password, Instant now, SecureRandom random) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            X509Certificate caCertificate = ca.certificate();
            store.setKeyEntry(CA_ALIAS, caKey, password, new Certificate[] {caCertificate});
            for (TicketKey key : ticketKeys) {
                X509Certificate certificate = ca.issueTicketKey(
                        key.keyId(),
                        festival,
                        key.publicKey().encoded(),
                        key.validFrom(),
                        key.validUntil() == null ? OPEN_END : key.validUntil(),
                        random);
                store.setKeyEntry(
                        TICKET_PREFIX + key.keyId(),
                        jdkPrivateKey(key.signingKey().seed()),
                        password,
                        new Certificate[] {certificate, caCertificate});
            }
            store.setEntry(
                    WRISTBAND_ALIAS,
                    new KeyStore.SecretKeyEntry(new SecretKeySpec(wristbandMasterKey, "AES")),
                    new KeyStore.PasswordProtection(password));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            Files.createDirectories(dir);
            AtomicFiles.restrict(dir);
            AtomicFiles.writeSecret(dir.resolve(STORE), out.toByteArray());
            AtomicFiles.writeString(dir.resolve(CA_PEM), pem(caCertificate));
            AtomicFiles.writeString(dir.resolve(SUMMARY), summary(now));
        } catch (IOException | GeneralSecurityException e) {
            throw ProvisioningException.io("cannot save the key store in " + dir + ": " + e.getMessage(), e);
        }
    }

    private String summary(Instant now) {
        Properties properties = new Properties();
        properties.setProperty("festival", festival.toString());
        properties.setProperty("updatedAt", now.toString());
        properties.setProperty(
                "ca.subject", ca.certificate().getSubjectX500Principal().getName());
        properties.setProperty("ca.fingerprint", caFingerprint());
        properties.setProperty("ca.sha256", Bytes.hex(Sha256.hash(der(ca.certificate()))));
        properties.setProperty(
                "ca.notAfter", ca.certificate().getNotAfter().toInstant().toString());
        properties.setProperty("ticketKey.current", currentTicketKey(now).keyId());
        for (TicketKey key : ticketKeys) {
            String prefix = "ticketKey." + key.keyId() + ".";
            properties.setProperty(prefix + "fingerprint", key.publicKey().fingerprint());
            properties.setProperty(
                    prefix + "publicKey",
                    Base64.getEncoder().encodeToString(key.publicKey().encoded()));
            properties.setProperty(prefix + "validFrom", key.validFrom().toString());
            properties.setProperty(
                    prefix + "validUntil",
                    key.validUntil() == null ? "" : key.validUntil().toString());
        }
        properties.setProperty("wristbandMaster.checkValue", wristbandMasterCheckValue());
        StringWriter writer = new StringWriter();
        try {
            properties.store(writer, "Festival keys: public summary (no secrets). Secrets are in " + STORE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // sorted lines (Properties has no order) so that the file diffs well between rotations
        List<String> lines = new ArrayList<>(writer.toString().lines().toList());
        List<String> comments = lines.stream().filter(l -> l.startsWith("#")).toList();
        List<String> entries =
                lines.stream().filter(l -> !l.startsWith("#")).sorted().toList();
        return String.join("\n", comments) + "\n" + String.join("\n", entries) + "\n";
    }

    /** The public summary of a festival's keys, readable without the password. */
    public static Properties readSummary(Path dir) {
        byte[] bytes = AtomicFiles.read(dir.resolve(SUMMARY), "festival key summary");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw ProvisioningException.refused("festival key summary in " + dir + " is corrupt");
        }
        if (properties.getProperty("festival") == null) {
            throw ProvisioningException.refused("festival key summary in " + dir + " is corrupt");
        }
        return properties;
    }

    public FestivalId festivalId() {
        return festival;
    }

    public Path dir() {
        return dir;
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public List<TicketKey> ticketKeys() {
        return ticketKeys;
    }

    /** The key that signs now: the newest one valid at {@code now}. */
    public TicketKey currentTicketKey(Instant now) {
        return ticketKeys.stream()
                .filter(key -> key.validAt(now))
                .max(Comparator.comparing(TicketKey::validFrom))
                .orElse(ticketKeys.get(ticketKeys.size() - 1));
    }

    /** The AES-128 master key every wristband key is diversified from. Never printed. */
    public byte[] wristbandMasterKey() {
        return wristbandMasterKey.clone();
    }

    /** Names the master key without revealing it: first 4 bytes of a CMAC under it, hex. */
    public String wristbandMasterCheckValue() {
        return Bytes.hex(AesCmac.mac(wristbandMasterKey, CHECK_VALUE_INPUT)).substring(0, 8);
    }

    /** First 8 bytes of SHA-256 of the CA certificate (DER), hex: as the enrolment QR names it. */
    public String caFingerprint() {
        return io.fcs.protocol.enrol.EnrolmentQr.fingerprintOf(der(ca.certificate()));
    }

    static FestivalId festivalOf(X509Certificate caCertificate) {
        String subject = caCertificate.getSubjectX500Principal().getName();
        var matcher = java.util.regex.Pattern.compile("Festival root CA ([0-9a-f-]{36})")
                .matcher(subject);
        if (!matcher.find()) {
            throw new IllegalArgumentException("CA certificate names no festival: " + subject);
        }
        return FestivalId.parse(matcher.group(1));
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object object) {
        StringWriter writer = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return writer.toString();
    }

    static KeyPair generateEd25519(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(255, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no Ed25519 in this JVM", e);
        }
    }

    /** The 32-byte seed of a JDK Ed25519 private key (PKCS#8, RFC 8410). */
    static byte[] seedOf(PrivateKey key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            return ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        }
    }

    static PrivateKey jdkPrivateKey(byte[] seed) {
        try {
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DEROctetString(seed));
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap an Ed25519 seed", e);
        }
    }
}
