package io.fcs.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.store.Database;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.TestFestival;
import io.fcs.edge.zone.CheckinRegistry;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.TerminalId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckinUplinkTest {

    @TempDir
    Path dir;

    TestFestival festival = new TestFestival();
    TerminalId gate = festival.enrol();
    Database db;
    FakeCentral central;
    CheckinUplink uplink;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(dir);
        central = new FakeCentral(festival);
        uplink = new CheckinUplink(
                db,
                new CentralClient(URI.create(central.url()), EdgeId.random(), Duration.ofSeconds(5)),
                festival.festival,
                festival.zone,
                2,
                Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        central.close();
        db.close();
    }

    private void store(CheckinUplink.Admission admission) {
        db.inTransaction(c -> {
            uplink.store(c, admission);
            return null;
        });
    }

    private CheckinUplink.Admission ticketAdmission() {
        return new CheckinUplink.Admission(
                UUID.randomUUID(),
                Optional.of(UUID.randomUUID().toString()),
                Optional.empty(),
                gate.toString(),
                Instant.parse("2026-07-01T18:00:00Z"),
                "CHECKED_IN");
    }

    private static List<JsonNode> sent(FakeCentral central) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String body : central.checkins) {
            new ObjectMapper().readTree(body).forEach(out::add);
        }
        return out;
    }

    @Test
    void admissionsStayStoredWhileCentralIsDownAndAreDeletedOnlyAfterCentralAcceptedThem() throws Exception {
        CheckinUplink.Admission first = ticketAdmission();
        store(first);
        store(ticketAdmission());
        store(ticketAdmission());
        central.down(true);
        assertThatThrownBy(uplink::sendOnce).isInstanceOf(CentralClient.Unreachable.class);
        assertThat(uplink.backlog()).isEqualTo(3);

        central.down(false);
        assertThat(uplink.sendOnce()).isEqualTo(2);
        assertThat(uplink.backlog()).isEqualTo(1);
        assertThat(uplink.sendOnce()).isEqualTo(1);
        assertThat(uplink.backlog()).isZero();
        assertThat(uplink.sendOnce()).isZero();

        List<JsonNode> sent = sent(central);
        assertThat(sent).hasSize(3);
        JsonNode oldest = sent.getFirst();
        assertThat(oldest.path("id").asText()).isEqualTo(first.id().toString());
        assertThat(oldest.path("ticketId").asText()).isEqualTo(first.ticketId().orElseThrow());
        assertThat(oldest.path("festivalId").asText()).isEqualTo(festival.festival.toString());
        assertThat(oldest.path("zoneId").asText()).isEqualTo(festival.zone.toString());
        assertThat(oldest.path("terminalId").asText()).isEqualTo(gate.toString());
        assertThat(oldest.path("at").asText()).isEqualTo("2026-07-01T18:00:00Z");
        assertThat(oldest.has("uid")).isFalse();
    }

    @Test
    void anAdmissionStoredTwiceGoesToCentralOnce() throws Exception {
        CheckinUplink.Admission admission = ticketAdmission();
        store(admission);
        store(admission);
        assertThat(uplink.backlog()).isEqualTo(1);
        uplink.sendOnce();
        assertThat(sent(central)).hasSize(1);
    }

    @Test
    void aWristbandAdmittedByTheZoneRegistryIsQueuedForCentralWithTheRegistration() throws Exception {
        CheckinRegistry registry = new CheckinRegistry(db, Optional.empty());
        registry.reportTo((c, a) -> uplink.store(
                c, new CheckinUplink.Admission(a.id(), a.ticketId(), a.uid(), a.gate(), a.at(), a.outcome())));
        Instant at = Instant.parse("2026-07-01T18:00:00Z");
        assertThat(registry.admit(CheckinRegistry.wristband("04AABBCCDDEEFF"), gate.toString(), at))
                .isInstanceOf(CheckinRegistry.Admit.class);
        assertThat(registry.admit(CheckinRegistry.wristband("04aabbccddeeff"), gate.toString(), at.plusSeconds(5)))
                .isInstanceOf(CheckinRegistry.AlreadyUsed.class);
        assertThat(uplink.backlog()).isEqualTo(1);
        uplink.sendOnce();
        assertThat(sent(central)).singleElement().satisfies(json -> {
            assertThat(json.path("uid").asText()).isEqualTo("04aabbccddeeff");
            assertThat(json.path("outcome").asText()).isEqualTo("AUTHORISED");
            assertThat(json.has("ticketId")).isFalse();
        });
    }
}
