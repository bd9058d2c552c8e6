package io.fcs.protocol.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.enrol.EnrolmentFormatException.Reason;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Known answers from {@code vectors/enrol/}, then tampering and wrong lengths. Set
 * {@code -Dfcs.writeVectors=DIR} to rewrite the sealed-bundle and QR vectors after a deliberate
 * format change (the config bundle vector is made by provisioning's CA code).
 */
class EnrolmentFormatsTest {

    static final byte[] TOKEN = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");
    static final byte[] KEY = Bytes.fromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    static final byte[] NONCE = Bytes.fromHex("c0c1c2c3c4c5c6c7c8c9cacb");
    static final Instant EXPIRES = Instant.parse("2026-07-01T10:30:00Z");

    static Properties vector(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EnrolmentFormatsTest.class.getResourceAsStream("/vectors/enrol/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(in);
        }
        return properties;
    }

    static ConfigBundle fromFields(Properties v) {
        List<byte[]> chain = new ArrayList<>();
        for (int i = 0; v.getProperty("certificate." + i) != null; i++) {
            chain.add(Bytes.fromHex(v.getProperty("certificate." + i)));
        }
        List<TicketKeyAnchor> keys = new ArrayList<>();
        for (int i = 0; v.getProperty("ticketKey." + i) != null; i++) {
            String[] f = v.getProperty("ticketKey." + i).split(",");
            keys.add(new TicketKeyAnchor(
                    f[0],
                    new Ed25519.VerificationKey(Bytes.fromHex(f[1])),
                    Instant.parse(f[2]),
                    f[3].equals("-") ? null : Instant.parse(f[3])));
        }
        return new ConfigBundle(
                DeviceKind.valueOf(v.getProperty("kind")),
                DeviceMode.valueOf(v.getProperty("mode")),
                UUID.fromString(v.getProperty("deviceId")),
                FestivalId.parse(v.getProperty("festivalId")),
                ZoneId.parse(v.getProperty("zoneId")),
                Instant.parse(v.getProperty("issuedAt")),
                Bytes.fromHex(v.getProperty("deviceKeySeed")),
                v.getProperty("name"),
                v.getProperty("edgeAddress"),
                v.getProperty("centralAddress"),
                chain,
                keys);
    }

    static byte[] goldenBundle() throws IOException {
        return Bytes.fromHex(vector("config-bundle-v1.properties").getProperty("bytes"));
    }

    @Test
    void theGoldenBundleEncodesByteForByteFromItsFields() throws IOException {
        Properties v = vector("config-bundle-v1.properties");
        assertThat(Bytes.hex(fromFields(v).encode())).isEqualTo(v.getProperty("bytes"));
    }

    @Test
    void theGoldenBundleParsesToItsFields() throws Exception {
        Properties v = vector("config-bundle-v1.properties");
        ConfigBundle bundle = ConfigBundle.parse(goldenBundle());

        assertThat(bundle).isEqualTo(fromFields(v));
        assertThat(bundle.terminalId().toString()).isEqualTo(v.getProperty("deviceId"));
        assertThat(bundle.deviceKey().orElseThrow().verificationKey()).isEqualTo(bundle.devicePublicKey());
        assertThat(bundle.ticketKeys().get(0).validAt(Instant.parse("2026-07-01T10:00:00Z")))
                .isTrue();
        assertThat(EnrolmentQr.fingerprintOf(bundle.certificateChain().get(1)))
                .isEqualTo(v.getProperty("caFingerprint"));
    }

    @Test
    void theGoldenBundleCertificateChainsToItsCaWithPlainJdkPkix() throws Exception {
        ConfigBundle bundle = ConfigBundle.parse(goldenBundle());
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(bundle.deviceCertificate()));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(bundle.caCertificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(Instant.parse("2026-07-02T00:00:00Z")));

        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    @Test
    void aChangedByteIsACorruptBundle() throws IOException {
        byte[] bytes = goldenBundle();
        bytes[100] ^= 0x01;

        assertThatThrownBy(() -> ConfigBundle.parse(bytes))
                .isInstanceOfSatisfying(EnrolmentFormatException.class, e -> assertThat(e.reason())
                        .isEqualTo(Reason.CHECKSUM_MISMATCH));
    }

    @Test
    void wrongMagicVersionAndLengthsAreRefusedWithTheirReason() throws IOException {
        byte[] golden = goldenBundle();
        byte[] magic = golden.clone();
        magic[0] = 'X';
        byte[] version = golden.clone();
        version[4] = 2;

        assertReason(() -> ConfigBundle.parse(magic), Reason.BAD_MAGIC);
        assertReason(() -> ConfigBundle.parse(version), Reason.UNSUPPORTED_VERSION);
        assertReason(() -> ConfigBundle.parse(Arrays.copyOf(golden, 40)), Reason.TRUNCATED);
        assertReason(() -> ConfigBundle.parse(resum(Arrays.copyOf(golden, golden.length - 40))), Reason.TRUNCATED);
        byte[] longer = Arrays.copyOf(golden, golden.length + 3);
        System.arraycopy(golden, golden.length - 32, longer, golden.length - 29, 32);
        assertReason(() -> ConfigBundle.parse(resum(longer)), Reason.TRAILING_BYTES);
    }

    @Test
    void aDeviceKeyThatIsNotTheCertifiedKeyIsRefused() throws IOException {
        byte[] bytes = goldenBundle();
        bytes[64] ^= 0x01; // first byte of the device seed

        assertReason(() -> ConfigBundle.parse(resum(bytes)), Reason.BAD_FIELD);
    }

    @Test
    void theGoldenSealedBundleOpensWithItsKeyAndToken() throws IOException {
        byte[] sealed = SealedBundle.seal(goldenBundle(), TOKEN, KEY, NONCE);
        writeVectorIfAsked("sealed-bundle-v1.properties", "sealed", Bytes.hex(sealed));

        assertThat(Bytes.hex(sealed))
                .isEqualTo(vector("sealed-bundle-v1.properties").getProperty("sealed"));
        assertThat(SealedBundle.token(sealed)).isEqualTo(TOKEN);
        assertThat(SealedBundle.open(sealed, TOKEN, KEY).encode()).isEqualTo(goldenBundle());
    }

    @Test
    void aSealedBundleRefusesAnotherKeyAnotherTokenAndAnyChange() throws IOException {
        byte[] sealed = SealedBundle.seal(goldenBundle(), TOKEN, KEY, NONCE);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        byte[] otherToken = TOKEN.clone();
        otherToken[0] ^= 1;
        byte[] changed = sealed.clone();
        changed[changed.length - 100] ^= 1;
        byte[] changedToken = sealed.clone();
        changedToken[5] ^= 1;

        assertReason(() -> SealedBundle.open(sealed, TOKEN, otherKey), Reason.DECRYPTION_FAILED);
        assertReason(() -> SealedBundle.open(sealed, otherToken, KEY), Reason.DECRYPTION_FAILED);
        assertReason(() -> SealedBundle.open(changed, TOKEN, KEY), Reason.DECRYPTION_FAILED);
        assertReason(() -> SealedBundle.open(changedToken, otherToken, KEY), Reason.DECRYPTION_FAILED);
        assertReason(() -> SealedBundle.open(Arrays.copyOf(sealed, 20), TOKEN, KEY), Reason.TRUNCATED);
        assertReason(() -> SealedBundle.open(goldenBundle(), TOKEN, KEY), Reason.BAD_MAGIC);
    }

    @Test
    void theGoldenQrTextRoundTrips() throws IOException {
        String ca = vector("config-bundle-v1.properties").getProperty("caFingerprint");
        EnrolmentQr qr = new EnrolmentQr(TOKEN, KEY, EXPIRES, ca, "http://10.0.0.5:8470/enrol/AAECAwQFBgcICQoLDA0ODw");
        writeVectorIfAsked("enrolment-qr-v1.properties", "text", qr.encode());

        String text = vector("enrolment-qr-v1.properties").getProperty("text");
        assertThat(qr.encode()).isEqualTo(text);
        assertThat(EnrolmentQr.parse(text)).isEqualTo(qr);
        assertThat(EnrolmentQr.parse(text).tokenText()).isEqualTo("AAECAwQFBgcICQoLDA0ODw");
        assertThat(qr.toString()).doesNotContain(text.split("\\|")[2]);
    }

    @Test
    void aQrOpensOnlyABundleOfItsOwnCa() throws IOException {
        byte[] sealed = SealedBundle.seal(goldenBundle(), TOKEN, KEY, NONCE);
        String ca = vector("config-bundle-v1.properties").getProperty("caFingerprint");

        assertThat(new EnrolmentQr(TOKEN, KEY, EXPIRES, ca, "").open(sealed).encode())
                .isEqualTo(goldenBundle());
        assertReason(() -> new EnrolmentQr(TOKEN, KEY, EXPIRES, "0123456789abcdef", "").open(sealed), Reason.BAD_FIELD);
    }

    @Test
    void anExpiredQrIsRefusedFromItsExpirySecondOn() throws IOException {
        String text = vector("enrolment-qr-v1.properties").getProperty("text");

        assertThat(EnrolmentQr.parse(text, EXPIRES.minusSeconds(1)).expiresAt()).isEqualTo(EXPIRES);
        assertReason(() -> EnrolmentQr.parse(text, EXPIRES), Reason.EXPIRED);
    }

    @Test
    void malformedQrTextIsRefusedWithItsReason() throws IOException {
        String text = vector("enrolment-qr-v1.properties").getProperty("text");
        String[] f = text.split("\\|", 6);

        assertReason(() -> EnrolmentQr.parse("HELLO|x"), Reason.BAD_MAGIC);
        assertReason(() -> EnrolmentQr.parse(text.replace("FCSENROL1", "FCSENROL2")), Reason.UNSUPPORTED_VERSION);
        assertReason(() -> EnrolmentQr.parse(String.join("|", f[0], f[1], f[2], f[3])), Reason.TRUNCATED);
        assertReason(
                () -> EnrolmentQr.parse(String.join("|", f[0], f[1] + "A", f[2], f[3], f[4], f[5])), Reason.BAD_FIELD);
        assertReason(() -> EnrolmentQr.parse(String.join("|", f[0], f[1], f[2], "soon", f[4], f[5])), Reason.BAD_FIELD);
        assertReason(() -> EnrolmentQr.parse(String.join("|", f[0], f[1], f[2], f[3], "XYZ", f[5])), Reason.BAD_FIELD);
        assertReason(
                () -> EnrolmentQr.parse(String.join("|", f[0], f[1], f[2], f[3], f[4], "ftp://x")), Reason.BAD_FIELD);
    }

    /** Recomputes the checksum so that a structural change, not the checksum, is what is tested. */
    static byte[] resum(byte[] bytes) {
        int end = bytes.length - 32;
        byte[] sum = io.fcs.protocol.crypto.Sha256.hash(bytes, 0, end);
        byte[] out = bytes.clone();
        System.arraycopy(sum, 0, out, end, 32);
        return out;
    }

    static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EnrolmentFormatException.class, e -> assertThat(e.reason())
                .isEqualTo(reason));
    }

    static void writeVectorIfAsked(String file, String key, String value) throws IOException {
        String dir = System.getProperty("fcs.writeVectors");
        if (dir != null) {
            Files.writeString(
                    Path.of(dir).resolve(file),
                    "# " + file + ": see io.fcs.protocol.enrol (SealedBundle / EnrolmentQr) for the format.\n"
                            + "# token=" + Bytes.hex(TOKEN) + " key=" + Bytes.hex(KEY) + " nonce=" + Bytes.hex(NONCE)
                            + " expires=" + EXPIRES + "; bundle = config-bundle-v1.properties bytes\n"
                            + key + "=" + value + "\n");
        }
    }
}
