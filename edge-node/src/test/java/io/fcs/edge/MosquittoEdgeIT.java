package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Mosquitto;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TerminalClient;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.value.TerminalId;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge node on Mosquitto as an external broker, including a broker restart under traffic. */
class MosquittoEdgeIT {

    @TempDir
    Path dir;

    @Test
    void theEdgeServesItsZoneThroughAnExternalBrokerAndSurvivesItsRestart() throws Exception {
        TestFestival festival = new TestFestival();
        TerminalId pos = festival.enrol();
        String uid = festival.wallet(10_000);
        java.nio.file.Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto mosquitto = new Mosquitto(dir.resolve("broker"));
                FakeCentral central = new FakeCentral(festival);
                EdgeNode node = EdgeHarness.start(
                        festival, central, dir.resolve("edge"), Ports.free(), "--broker-url", mosquitto.url())) {
            EdgeHarness.awaitSynced(node, festival);
            var chain = festival.chain(pos);
            try (TerminalClient terminal = new TerminalClient(festival, pos, mosquitto.url())) {
                terminal.send(chain.sales(uid, 10, 100), 10);
                assertThat(terminal.awaitWatermark(10, Duration.ofSeconds(20))).isEqualTo(10);
                assertThat(terminal.request(AuthorisationKind.SALE, uid, 500).outcome())
                        .isEqualTo(AuthorisationOutcome.APPROVED);
            }

            mosquitto.stop();
            mosquitto.start();

            var more = chain.sales(uid, 10, 100);
            try (TerminalClient terminal = new TerminalClient(festival, pos, mosquitto.url())) {
                long reached = -1;
                for (int attempt = 0; attempt < 40 && reached < 20; attempt++) {
                    // the edge reconnects and subscribes again by itself; the terminal resends until acked
                    terminal.send(more, 10);
                    reached = terminal.awaitWatermark(20, Duration.ofMillis(500));
                }
                assertThat(reached).isEqualTo(20);
            }
            for (int i = 0; i < 200 && central.watermark(pos) < 20; i++) {
                Thread.sleep(50);
            }
            assertThat(central.watermark(pos)).isEqualTo(20);
            assertThat(central.applied.get()).isEqualTo(20);
        }
    }
}
