package io.fcs.terminal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.TerminalId;
import io.fcs.terminal.device.nfc.FakeReader;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate asks its zone first and decides alone, flagged, only when the zone does not answer (decision 0250). */
class GateZoneAdmissionTest {

    static final Instant A_MINUTE_AGO = GatekeeperTest.FRIDAY_NIGHT.minusSeconds(60);

    @TempDir
    Path dir;

    private TerminalStore store;
    private final List<CheckIn> broadcast = new ArrayList<>();
    private final List<String> asked = new ArrayList<>();
    private ZoneAdmission.Answer zoneSays = new ZoneAdmission.Admitted(false);
    private long skewMillis;
    private boolean connected = true;
    private Gatekeeper gate;

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        TerminalId terminal = TerminalId.random();
        ZoneAdmission zone = (correlationId, ticketId, uid, gateName, at, wait) -> {
            asked.add(correlationId);
            assertThat(gateName).isEqualTo("Gate B");
            assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1));
            return zoneSays;
        };
        gate = new Gatekeeper(
                new SignedTicketCheck(GatekeeperTest.FESTIVAL, List.of(GatekeeperTest.TICKET_KEY.verificationKey()), 1),
                new FakeReader(),
                store,
                new StoreRecordBook(
                        store, new SignedRecordCodec(Ed25519.generate(), GatekeeperTest.FESTIVAL, terminal), () -> {}),
                broadcast::add,
                () -> connected,
                FestivalTime.of("Europe/Paris"),
                "zone-1",
                "Gate B",
                terminal.toString(),
                Clock.fixed(GatekeeperTest.FRIDAY_NIGHT, ZoneOffset.UTC),
                Currency.EUR,
                zone,
                () -> skewMillis);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private List<SignedRecord> records() {
        return store.unacknowledged(100).stream()
                .map(OutboxEntry::bytes)
                .map(bytes -> RecordCodec.decodeSigned(bytes).orElseThrow())
                .toList();
    }

    @Test
    void aTicketTheZoneAdmitsIsRecordedUnderTheEdgesAuthorityWithTheAskedId() {
        GateOutcome outcome = gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1), false);

        assertThat(outcome)
                .isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> assertThat(admitted.offline())
                        .isFalse());
        assertThat(records()).singleElement().satisfies(record -> {
            assertThat(record.record().authority()).isEqualTo(Authority.EDGE);
            assertThat(record.record().id().toString()).isEqualTo(asked.getFirst());
        });
        assertThat(broadcast).hasSize(1);
    }

    @Test
    void aTicketUsedAtAnotherGateIsRefusedWithWhereAndWhenTheZoneSaysAndNothingIsRecorded() {
        zoneSays = new ZoneAdmission.Refused(
                GateOutcome.Reason.ALREADY_USED, Optional.of("Gate A"), Optional.of(A_MINUTE_AGO));

        GateOutcome outcome = gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1), false);

        assertThat(outcome)
                .isEqualTo(new GateOutcome.Refused(
                        GateOutcome.Reason.ALREADY_USED, Optional.of("Gate A"), Optional.of(A_MINUTE_AGO)));
        assertThat(records()).isEmpty();
        assertThat(broadcast).isEmpty();
    }

    @Test
    void withoutAnAnswerTheGateDecidesAloneFlaggedAndRecordsItOffline() {
        zoneSays = new ZoneAdmission.NoAnswer("edge did not answer in 800 ms");
        String ticket = GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1);

        GateOutcome first = gate.scan(ticket, false);
        GateOutcome again = gate.scan(ticket, false);

        assertThat(first).isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> assertThat(admitted.offline())
                .isTrue());
        assertThat(again).isInstanceOfSatisfying(GateOutcome.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(GateOutcome.Reason.ALREADY_USED);
            assertThat(refused.where()).contains("Gate B");
        });
        assertThat(records())
                .singleElement()
                .satisfies(record -> assertThat(record.record().authority()).isEqualTo(Authority.OFFLINE));
    }

    @Test
    void aDisconnectedGateDoesNotWaitForItsZone() {
        connected = false;

        GateOutcome outcome = gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1), false);

        assertThat(asked).isEmpty();
        assertThat(outcome)
                .isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> assertThat(admitted.offline())
                        .isTrue());
    }

    @Test
    void aGateWhoseClockIsFarFromTheEdgesDoesNotDecideAlone() {
        zoneSays = new ZoneAdmission.NoAnswer("edge did not answer in 800 ms");
        skewMillis = Duration.ofMinutes(5).toMillis();

        GateOutcome outcome = gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1), false);

        assertThat(outcome).isEqualTo(GateOutcome.Refused.of(GateOutcome.Reason.CLOCK_WRONG));
        assertThat(records()).isEmpty();
    }

    @Test
    void aForgedTicketIsRefusedWithoutAskingTheZone() {
        GateOutcome outcome =
                gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1).replace("FT1:", "FT1:A"), false);

        assertThat(outcome).isInstanceOf(GateOutcome.Refused.class);
        assertThat(asked).isEmpty();
    }
}
