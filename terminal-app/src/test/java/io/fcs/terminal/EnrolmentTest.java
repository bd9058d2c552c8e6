package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.DeviceMode;
import io.fcs.protocol.enrol.EnrolmentQr;
import io.fcs.protocol.enrol.SealedBundle;
import io.fcs.terminal.enrol.Enrolment;
import io.fcs.terminal.store.TerminalStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enrolment from provisioning's golden bundle: what is stored, and every refusal storing nothing. */
class EnrolmentTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T10:05:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static Properties vector(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EnrolmentTest.class.getResourceAsStream("/vectors/enrol/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(in);
        }
        return properties;
    }

    private static byte[] goldenBundle() throws IOException {
        return HexFormat.of().parseHex(vector("config-bundle-v1.properties").getProperty("bytes"));
    }

    private Enrolment enrolment(TerminalStore store) {
        return new Enrolment(store, CLOCK, url -> {
            throw new IOException("no network in this test");
        });
    }

    @Test
    void terminalColdStartsWithTheIdentityKeysAndModeOfItsBundle() throws IOException {
        Path file = Files.write(dir.resolve("bundle.fcsb"), goldenBundle());
        ConfigBundle bundle = ConfigBundle.parse(goldenBundle());
        try (TerminalStore store = TerminalStore.open(dir.resolve("data"))) {
            Enrolment.Outcome outcome = enrolment(store).fromFile(file);
            assertThat(outcome).isInstanceOf(Enrolment.Enrolled.class);
            assertThat(outcome.message()).contains("POS", bundle.deviceId().toString());
        }
        try (TerminalStore store = TerminalStore.open(dir.resolve("data"))) {
            TerminalIdentity identity = TerminalIdentity.resolve(new TerminalOptions(), store);
            assertThat(identity.terminalId()).isEqualTo(bundle.terminalId());
            assertThat(identity.festivalId()).isEqualTo(bundle.festivalId().toString());
            assertThat(identity.zoneId()).isEqualTo(bundle.zoneId().toString());
            assertThat(identity.place()).isEqualTo("Bar 1 till 2");
            assertThat(identity.signingKey().verificationKey().encoded())
                    .isEqualTo(bundle.devicePublicKey().encoded());
            assertThat(identity.ticketKeys())
                    .extracting(Ed25519.VerificationKey::encoded)
                    .containsExactlyElementsOf(bundle.ticketKeys().stream()
                            .map(k -> k.publicKey().encoded())
                            .toList());
            assertThat(store.setting(Enrolment.MODE)).contains("POS");
            assertThat(store.setting(Enrolment.EDGE)).contains("ssl://edge-1.local:8883");
            assertThat(store.setting(Enrolment.CA_FINGERPRINT)).contains("f36ea5e83c24c70a");
            assertThat(store.setting(Enrolment.CERTIFICATE_CHAIN).orElseThrow().split(","))
                    .hasSize(2);
        }
    }

    @Test
    void enrolmentQrFetchesItsSealedBundleOnceOverHttp() throws IOException {
        byte[] token = new byte[SealedBundle.TOKEN_LENGTH];
        byte[] key = new byte[SealedBundle.KEY_LENGTH];
        SecureRandom random = new SecureRandom();
        random.nextBytes(token);
        random.nextBytes(key);
        byte[] sealed = SealedBundle.seal(goldenBundle(), token, key, random);
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/enrol/", exchange -> {
            boolean first = served.getAndIncrement() == 0;
            exchange.sendResponseHeaders(first ? 200 : 410, first ? sealed.length : -1);
            if (first) {
                exchange.getResponseBody().write(sealed);
            }
            exchange.close();
        });
        server.start();
        try (TerminalStore store = TerminalStore.open(dir.resolve("data"))) {
            String qr = new EnrolmentQr(
                            token,
                            key,
                            CLOCK.instant().plusSeconds(600),
                            "f36ea5e83c24c70a",
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/enrol/x")
                    .encode();
            Enrolment enrolment = new Enrolment(store, CLOCK, Enrolment.http());

            assertThat(enrolment.fromQr(qr, Optional.empty())).isInstanceOf(Enrolment.Enrolled.class);
            Enrolment.Outcome again = enrolment.fromQr(qr, Optional.empty());
            assertThat(again).isInstanceOfSatisfying(Enrolment.Refused.class, refused -> assertThat(refused.reason())
                    .isEqualTo(Enrolment.Reason.FETCH_FAILED));
            assertThat(again.message()).contains("410", "already used");
            assertThat(store.setting(Enrolment.TERMINAL_ID))
                    .contains(ConfigBundle.parse(goldenBundle()).deviceId().toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void expiredGarbledOrForeignQrIsRefusedAndStoresNothing() throws IOException {
        String golden = vector("enrolment-qr-v1.properties").getProperty("text");
        Path sealed = Files.write(
                dir.resolve("sealed.fcss"),
                HexFormat.of().parseHex(vector("sealed-bundle-v1.properties").getProperty("sealed")));
        try (TerminalStore store = TerminalStore.open(dir.resolve("data"))) {
            Enrolment late = new Enrolment(
                    store, Clock.fixed(Instant.parse("2026-07-01T10:30:00Z"), ZoneOffset.UTC), url -> new byte[0]);
            assertThat(reason(late.fromQr(golden, Optional.of(sealed)))).isEqualTo(Enrolment.Reason.EXPIRED);
            assertThat(reason(enrolment(store).fromQr("FCSENROL1|garbage", Optional.of(sealed))))
                    .isEqualTo(Enrolment.Reason.GARBLED);
            String otherCa = golden.replace("f36ea5e83c24c70a", "0123456789abcdef");
            assertThat(reason(enrolment(store).fromQr(otherCa, Optional.of(sealed))))
                    .isEqualTo(Enrolment.Reason.OTHER_FESTIVAL_CA);
            assertThat(store.setting(Enrolment.TERMINAL_ID)).isEmpty();
            assertThat(store.setting(Enrolment.SEED)).isEmpty();

            assertThat(enrolment(store).fromQr(golden, Optional.of(sealed))).isInstanceOf(Enrolment.Enrolled.class);
        }
    }

    @Test
    void bundleForAnEdgeOrAnotherFestivalCaOrGarbledIsRefusedAndStoresNothing() throws IOException {
        ConfigBundle golden = ConfigBundle.parse(goldenBundle());
        ConfigBundle edge = new ConfigBundle(
                DeviceKind.EDGE,
                DeviceMode.NONE,
                golden.deviceId(),
                golden.festivalId(),
                golden.zoneId(),
                golden.issuedAt(),
                null,
                "edge 1",
                "",
                "",
                golden.certificateChain(),
                List.of());
        ConfigBundle otherCa = new ConfigBundle(
                DeviceKind.TERMINAL,
                DeviceMode.GATE,
                golden.deviceId(),
                golden.festivalId(),
                golden.zoneId(),
                golden.issuedAt(),
                golden.deviceKeySeed(),
                "gate 1",
                "",
                "",
                List.of(golden.certificateChain().getFirst()),
                List.of());
        byte[] garbled = goldenBundle();
        garbled[100] ^= 1;
        try (TerminalStore store = TerminalStore.open(dir.resolve("data"))) {
            Enrolment enrolment = enrolment(store);
            assertThat(reason(enrolment.apply(edge))).isEqualTo(Enrolment.Reason.NOT_A_TERMINAL);
            assertThat(reason(enrolment.fromFile(Files.write(dir.resolve("bad.fcsb"), garbled))))
                    .isEqualTo(Enrolment.Reason.GARBLED);
            assertThat(reason(enrolment.fromFile(dir.resolve("missing.fcsb")))).isEqualTo(Enrolment.Reason.UNREADABLE);
            assertThat(store.setting(Enrolment.TERMINAL_ID)).isEmpty();

            assertThat(enrolment.apply(golden)).isInstanceOf(Enrolment.Enrolled.class);
            Enrolment.Outcome moved = enrolment.apply(otherCa);
            assertThat(reason(moved)).isEqualTo(Enrolment.Reason.OTHER_FESTIVAL_CA);
            assertThat(moved.message()).contains("f36ea5e83c24c70a");
            assertThat(store.setting(Enrolment.MODE)).contains("POS");
            assertThat(store.setting(Enrolment.PLACE)).contains("Bar 1 till 2");
        }
    }

    @Test
    void bundleForAnotherTerminalIdIsRefusedOnceRecordsWereSignedUnderTheFirst() throws IOException {
        ConfigBundle golden = ConfigBundle.parse(goldenBundle());
        ConfigBundle other = new ConfigBundle(
                DeviceKind.TERMINAL,
                DeviceMode.POS,
                java.util.UUID.randomUUID(),
                golden.festivalId(),
                golden.zoneId(),
                golden.issuedAt(),
                null,
                "bar 9",
                "",
                "",
                golden.certificateChain(),
                List.of());
        try (TerminalStore store = TerminalStore.open(dir.resolve("data"))) {
            assertThat(enrolment(store).apply(golden)).isInstanceOf(Enrolment.Enrolled.class);
            store.commit(
                    io.fcs.terminal.store.OutboxEntry.stored(1, "r1", new byte[] {1}, new byte[32], CLOCK.instant()),
                    new io.fcs.terminal.store.JournalLine(
                            1, "r1", "SALE", null, 100, null, "", "Alice", "EDGE", "", CLOCK.instant(), false),
                    Optional.empty());

            assertThat(reason(enrolment(store).apply(other))).isEqualTo(Enrolment.Reason.OTHER_TERMINAL);
            assertThat(store.setting(Enrolment.TERMINAL_ID))
                    .contains(golden.deviceId().toString());
        }
    }

    private static Enrolment.Reason reason(Enrolment.Outcome outcome) {
        assertThat(outcome).isInstanceOf(Enrolment.Refused.class);
        return ((Enrolment.Refused) outcome).reason();
    }
}
