package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.store.Database;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalTime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without central, a zone grants only its share of each wristband's offline allowance (decision 0232). */
class OfflineShareTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ZONE = "33333333-3333-3333-3333-333333333333";

    @TempDir
    Path dir;

    private static JsonNode config(String zones) throws Exception {
        return JSON.readTree("{\"zones\": [" + zones + "]}");
    }

    @Test
    void theZonesShareComesFromCentralsConfigAndMissingSharesAreAnEqualSplit() throws Exception {
        assertThat(WalletReplica.offlineShareOf(
                        config("{\"id\": \"%s\", \"offlineSharePercent\": 25}, {\"id\": \"x\"}".formatted(ZONE)), ZONE))
                .isEqualTo(25);
        assertThat(WalletReplica.offlineShareOf(
                        config("{\"id\": \"a\"}, {\"id\": \"%s\"}, {\"id\": \"b\"}".formatted(ZONE)), ZONE))
                .as("a central that sends no share: an equal split")
                .isEqualTo(33);
        assertThat(WalletReplica.offlineShareOf(
                        config("{\"id\": \"%s\", \"offlineSharePercent\": 250}".formatted(ZONE)), ZONE))
                .isEqualTo(100);
        assertThat(WalletReplica.offlineShareOf(
                        config("{\"id\": \"%s\", \"offlineSharePercent\": -5}".formatted(ZONE)), ZONE))
                .isZero();
        assertThat(WalletReplica.offlineShareOf(config("{\"id\": \"other\"}"), ZONE))
                .as("a zone central does not know grants nothing offline")
                .isZero();
        assertThat(WalletReplica.offlineShareOf(JSON.readTree("{}"), ZONE)).isZero();
    }

    @Test
    void withoutCentralAWristbandSpendsOnlyThisZonesShareOfItsAllowance() throws Exception {
        WalletReplicaTest.Switch cutOff = new WalletReplicaTest.Switch();
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.offlineRule(new WalletReplica.OfflineRule(
                    cutOff,
                    () -> FestivalTime.of("UTC"),
                    Clock.fixed(Instant.parse("2026-07-10T20:00:00Z"), ZoneOffset.UTC)));
            replica.apply(JSON.readTree(WalletReplicaTest.snapshot(1, 10_000, false))); // allowance 2,000
            replica.offlineSharePercent(25);
            cutOff.on = true;
            assertThat(replica.authorise("04A1B2C3D4E5F6", 400, Currency.EUR, "o1", "t"))
                    .isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.authorise("04A1B2C3D4E5F6", 101, Currency.EUR, "o2", "t"))
                    .as("25 % of 20.00 is 5.00")
                    .isEqualTo(new WalletReplica.Refused(WalletReplica.Refusal.OFFLINE_ALLOWANCE_SPENT, 9_600));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 100, Currency.EUR, "o3", "t"))
                    .isInstanceOf(WalletReplica.Approved.class);

            replica.offlineSharePercent(0);
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1, Currency.EUR, "o4", "t"))
                    .as("a zone with no share sells nothing without central")
                    .isInstanceOf(WalletReplica.Refused.class);
            cutOff.on = false;
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1_000, Currency.EUR, "online", "t"))
                    .as("with central the share does not limit")
                    .isInstanceOf(WalletReplica.Approved.class);
        }
    }

    @Test
    void theSharesOfAllZonesNeverGrantMoreThanTheWholeAllowance() throws Exception {
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            long allowance = 1_999;
            long granted = 0;
            for (int share : new int[] {33, 33, 34}) {
                replica.offlineSharePercent(share);
                granted += replica.zoneAllowance(allowance);
            }
            assertThat(granted).isLessThanOrEqualTo(allowance);
            replica.offlineSharePercent(100);
            assertThat(replica.zoneAllowance(allowance)).isEqualTo(allowance);
            assertThat(replica.zoneAllowance(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
            assertThatThrownBy(() -> replica.offlineSharePercent(101)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
