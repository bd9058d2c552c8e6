package io.fcs.terminal.enrol;

import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.EnrolmentQr;
import io.fcs.protocol.enrol.SealedBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Properties;

/** Provisioning's golden terminal bundle, sealed behind a fresh one-time enrolment QR. */
final class EnrolmentQrFixture {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T10:05:00Z"), ZoneOffset.UTC);

    final ConfigBundle bundle;
    final byte[] sealed;
    final String qr;

    EnrolmentQrFixture() {
        try {
            byte[] golden = HexFormat.of()
                    .parseHex(vector("config-bundle-v1.properties").getProperty("bytes"));
            bundle = ConfigBundle.parse(golden);
            byte[] token = new byte[SealedBundle.TOKEN_LENGTH];
            byte[] key = new byte[SealedBundle.KEY_LENGTH];
            SecureRandom random = new SecureRandom();
            random.nextBytes(token);
            random.nextBytes(key);
            sealed = SealedBundle.seal(golden, token, key, random);
            qr = new EnrolmentQr(
                            token,
                            key,
                            CLOCK.instant().plusSeconds(600),
                            "f36ea5e83c24c70a",
                            "http://127.0.0.1:9/enrol/x")
                    .encode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (io.fcs.protocol.enrol.EnrolmentFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the sealed bundle for the QR's URL, as the provisioning server would, once. */
    Enrolment.BundleSource server() {
        boolean[] served = {false};
        return url -> {
            if (served[0]) {
                throw new IOException("the enrolment server answered 410 (this QR was already used)");
            }
            served[0] = true;
            return sealed;
        };
    }

    private static Properties vector(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EnrolmentQrFixture.class.getResourceAsStream("/vectors/enrol/" + name)) {
            if (in == null) {
                throw new IOException("missing vector " + name);
            }
            properties.load(in);
        }
        return properties;
    }
}
