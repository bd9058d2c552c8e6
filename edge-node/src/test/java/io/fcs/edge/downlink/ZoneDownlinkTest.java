package io.fcs.edge.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.store.Database;
import io.fcs.edge.store.KeyValues;
import io.fcs.edge.uplink.CentralClient;
import io.fcs.edge.zone.DenyList;
import io.fcs.edge.zone.WalletReplica;
import io.fcs.protocol.message.PriceList;
import io.fcs.protocol.message.TicketRevocations;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import io.fcs.protocol.value.ZoneId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneDownlinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FestivalId festival = FestivalId.random();
    ZoneId zone = ZoneId.random();
    Database db;
    KeyValues kv;
    DenyList deny;
    WalletReplica wallets;
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ZoneDownlink downlink;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        kv = new KeyValues(db);
        deny = new DenyList(db);
        wallets = new WalletReplica(db, deny);
        CentralFeed feed = new CentralFeed(
                new CentralClient(URI.create("http://127.0.0.1:9"), EdgeId.random(), Duration.ofSeconds(1)),
                festival,
                wallets,
                deny,
                new TerminalKeys(db),
                kv,
                Duration.ofSeconds(1),
                scheduler);
        downlink = new ZoneDownlink(festival, zone, null, feed, deny, wallets);
    }

    @AfterEach
    void close() {
        scheduler.shutdownNow();
        db.close();
    }

    @Test
    void theConfigurationCarriesTheWriterKeyOfEveryActiveTerminalOfTheFestival() {
        var active = io.fcs.protocol.crypto.Ed25519.generate().verificationKey();
        var elsewhere = io.fcs.protocol.crypto.Ed25519.generate().verificationKey();
        var revoked = io.fcs.protocol.crypto.Ed25519.generate().verificationKey();
        String a = "aaaaaaaa-0000-4000-8000-000000000001";
        String b = "bbbbbbbb-0000-4000-8000-000000000002";
        String c = "cccccccc-0000-4000-8000-000000000003";
        kv.put(CentralFeed.CONFIG_KEY, """
                {"version": 3, "currency": "EUR", "terminals": [
                  {"terminalId": "%s", "zoneId": "%s", "mode": "POS", "publicKey": "%s", "status": "ACTIVE"},
                  {"terminalId": "%s", "zoneId": "%s", "mode": "GATE", "publicKey": "%s", "status": "ACTIVE"},
                  {"terminalId": "%s", "zoneId": "%s", "mode": "POS", "publicKey": "%s", "status": "REVOKED"},
                  {"terminalId": "dddddddd-0000-4000-8000-000000000004", "zoneId": "%s", "publicKey": "AAEC",
                   "status": "ACTIVE"}]}""".formatted(
                a, zone, base64(active), b, ZoneId.random(), base64(elsewhere), c, zone, base64(revoked), zone));

        var settings = downlink.configuration().orElseThrow().settings();

        assertThat(settings)
                .containsEntry(ZoneDownlink.WRITER_KEY_PREFIX + a, base64(active))
                .containsEntry(ZoneDownlink.WRITER_KEY_PREFIX + b, base64(elsewhere))
                .doesNotContainKey(ZoneDownlink.WRITER_KEY_PREFIX + c)
                .doesNotContainKey(ZoneDownlink.WRITER_KEY_PREFIX + "dddddddd-0000-4000-8000-000000000004");
        var codec = io.fcs.protocol.message.MessageCodec.standard();
        var decoded = codec.decode(
                codec.encode(downlink.configuration().orElseThrow()), io.fcs.protocol.message.Configuration.class);
        assertThat(decoded).isInstanceOf(io.fcs.protocol.message.DecodeResult.Decoded.class);
    }

    private static String base64(io.fcs.protocol.crypto.Ed25519.VerificationKey key) {
        return java.util.Base64.getEncoder().encodeToString(key.encoded());
    }

    @Test
    void thePriceListHoldsOnlyThisZonesPointsOfSaleAndLeavesOutWhatDoesNotFitTheProtocol() {
        kv.put(CentralFeed.CONFIG_KEY, """
                {"version": 7, "currency": "EUR", "pointsOfSale": [
                  {"id": "Bar-1", "zoneId": "%s", "name": "Main bar", "products": [
                    {"code": "BEER", "name": "Beer", "priceCents": 450, "category": "drinks"},
                    {"code": "has space", "name": "Bad code", "priceCents": 100, "category": ""},
                    {"code": "free", "name": "Negative", "priceCents": -5, "category": ""}]},
                  {"id": "bar-2", "zoneId": "%s", "name": "Other zone", "products": []},
                  {"id": "", "zoneId": "%s", "name": "No id", "products": []}]}""".formatted(zone, ZoneId.random(), zone));
        PriceList prices = downlink.priceList().orElseThrow();
        assertThat(prices.version()).isEqualTo(7);
        assertThat(prices.pointsOfSale()).singleElement().satisfies(pos -> {
            assertThat(pos.code()).isEqualTo("bar-1");
            assertThat(pos.products()).singleElement().satisfies(p -> assertThat(p.price())
                    .isEqualTo(Money.eur(450)));
        });
    }

    @Test
    void noPriceListIsPublishedBeforeCentralsConfigArrived() {
        assertThat(downlink.priceList()).isEmpty();
    }

    @Test
    void ticketRevocationsCarryTheDenyListsTicketsAtItsVersionAndSkipIdsThatAreNotTickets() throws Exception {
        TicketId refunded = TicketId.random();
        deny.apply(JSON.readTree("""
                {"version": 5, "wristbands": [{"uid": "04a1b2c3d4e5f6", "reason": "lost"}],
                 "tickets": [{"ticketId": "%s", "reason": "refunded"}, {"ticketId": "not-a-ticket", "reason": "fraud"}],
                 "terminals": []}""".formatted(refunded)));
        TicketRevocations revocations = downlink.ticketRevocations();
        assertThat(revocations.version()).isEqualTo(5);
        assertThat(revocations.entries())
                .containsExactly(TicketRevocations.Entry.revoke(refunded, TicketRevocations.Reason.REFUNDED));
    }

    @Test
    void pendingCreditsListEveryWalletWithCreditWaitingAndKeepTheirIdWhileTheAmountStays() throws Exception {
        WalletId waiting = WalletId.random();
        String snapshot = """
                {"version": %d, "complete": true, "wallets": [
                 {"walletId": "%s", "balanceCents": 0, "pendingCents": %d, "currency": "EUR", "blocked": false,
                  "offlineAllowanceCents": 0, "wristbands": ["04000000000001"]},
                 {"walletId": "%s", "balanceCents": 900, "pendingCents": 0, "currency": "EUR", "blocked": false,
                  "offlineAllowanceCents": 0, "wristbands": ["04000000000002"]}]}""";
        WalletId none = WalletId.random();
        wallets.apply(JSON.readTree(snapshot.formatted(3, waiting, 1_500, none)));
        var first = downlink.pendingCredits();
        assertThat(first.version()).isEqualTo(3);
        assertThat(first.credits()).singleElement().satisfies(c -> {
            assertThat(c.walletId()).isEqualTo(waiting);
            assertThat(c.amount()).isEqualTo(Money.eur(1_500));
        });

        wallets.apply(JSON.readTree(snapshot.formatted(4, waiting, 1_500, none)));
        assertThat(downlink.pendingCredits().credits().getFirst().creditId())
                .isEqualTo(first.credits().getFirst().creditId());
        wallets.apply(JSON.readTree(snapshot.formatted(5, waiting, 2_000, none)));
        assertThat(downlink.pendingCredits().credits().getFirst().creditId())
                .isNotEqualTo(first.credits().getFirst().creditId());
    }
}
