package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TerminalClient;
import io.fcs.edge.testing.TestFestival;
import io.fcs.edge.zone.CheckinRegistry;
import io.fcs.protocol.message.Configuration;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.value.TerminalId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A running edge takes its zone's re-entry rule and offline share from central's festival config
 * (decisions 0151, 0230, 0232), applies them and hands the re-entry rule on to its gates; a change
 * at central reaches it at the next config poll.
 */
class ZoneRulesFromCentralIT {

    @Test
    void theZonesRulesFromCentralAreAppliedByTheEdgeAndTheirChangesFollow() throws Exception {
        TestFestival festival = new TestFestival();
        TerminalId gate = festival.enrol();
        festival.wallet(1_000);
        festival.zoneRules = "\"reentry\": \"ALLOWED\", \"reentryCooldownSeconds\": 120, \"offlineSharePercent\": 25";
        Path data = Files.createTempDirectory("edge-zone-rules");
        int port = Ports.free();
        try (FakeCentral central = new FakeCentral(festival);
                EdgeNode node = EdgeHarness.start(festival, central, data, port)) {
            EdgeHarness.awaitSynced(node, festival);

            assertThat(node.checkins().reentryRule())
                    .isEqualTo(
                            new CheckinRegistry.ReentryRule(CheckinRegistry.Reentry.ALLOWED, Duration.ofSeconds(120)));
            assertThat(node.wallets().offlineSharePercent()).isEqualTo(25);
            Instant first = Instant.parse("2026-07-10T20:00:00Z");
            String band = CheckinRegistry.wristband("04aa00000000e1");
            assertThat(node.checkins().admit(band, gate.toString(), first)).isInstanceOf(CheckinRegistry.Admit.class);
            assertThat(node.checkins().admit(band, gate.toString(), first.plusSeconds(60)))
                    .isEqualTo(new CheckinRegistry.AlreadyUsed(
                            node.checkins().lastAdmission(band).orElseThrow(), CheckinRegistry.Refusal.COOL_DOWN));
            assertThat(node.checkins().admit(band, gate.toString(), first.plusSeconds(121)))
                    .isInstanceOf(CheckinRegistry.Admit.class);

            try (TerminalClient client = new TerminalClient(festival, gate, "tcp://127.0.0.1:" + port)) {
                for (int i = 0; i < 100 && !client.zone.containsKey("config"); i++) {
                    Thread.sleep(50);
                }
                Configuration config = MessageCodec.standard()
                        .decode(client.zone.get("config"), Configuration.class)
                        .orElseThrow();
                assertThat(config.settings())
                        .containsEntry("zone.reentry", "allowed")
                        .containsEntry("zone.reentry-cooldown-s", "120");
            }

            festival.zoneRules =
                    "\"reentry\": \"AFTER_EXIT\", \"reentryCooldownSeconds\": 0, \"offlineSharePercent\": 0";
            festival.configChanges++;
            for (int i = 0;
                    i < 200
                            && (node.wallets().offlineSharePercent() != 0
                                    || node.checkins().reentryRule().mode() != CheckinRegistry.Reentry.AFTER_EXIT);
                    i++) {
                Thread.sleep(50);
            }
            assertThat(node.wallets().offlineSharePercent()).isZero();
            assertThat(node.checkins().reentryRule().mode()).isEqualTo(CheckinRegistry.Reentry.AFTER_EXIT);
            assertThat(node.checkins().admit(band, gate.toString(), first.plusSeconds(600)))
                    .isInstanceOf(CheckinRegistry.AlreadyUsed.class)
                    .extracting(d -> ((CheckinRegistry.AlreadyUsed) d).reason())
                    .isEqualTo(CheckinRegistry.Refusal.NO_EXIT_SCAN);
        }
    }
}
