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
    private final List<String> released = new ArrayList<>();
    private final List<ZoneAdmission.Kind> kinds = new ArrayList<>();
    private final List<String> uids = new ArrayList<>();
    private ZoneAdmission.Answer exitSays = new ZoneAdmission.Admitted(false);
    private final FakeReader reader = new FakeReader();
    private ZoneAdmission.Answer zoneSays = new ZoneAdmission.Admitted(false);
    private long skewMillis;
    private boolean connected = true;
    private Gatekeeper gate;

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        TerminalId terminal = TerminalId.random();
        ZoneAdmission zone = new ZoneAdmission() {
            @Override
            public Answer ask(
                    String correlationId,
                    String ticketId,
                    Optional<String> uid,
                    String gateName,
                    Instant at,
                    Duration wait,
                    Kind kind) {
                kinds.add(kind);
                uids.add(uid.orElse(""));
                if (kind == Kind.EXIT) {
                    return exitSays;
                }
                asked.add(correlationId);
                assertThat(gateName).isEqualTo("Gate B");
                assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(1));
                return zoneSays;
            }

            @Override
            public void release(
                    String correlationId, String ticketId, Optional<String> uid, String gateName, Instant at) {
                released.add(correlationId);
            }
        };
        gate = new Gatekeeper(
                new SignedTicketCheck(GatekeeperTest.FESTIVAL, List.of(GatekeeperTest.TICKET_KEY.verificationKey()), 1),
                reader,
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
        assertThat(released).containsExactlyElementsOf(asked);
    }

    @Test
    void aGateThatGaveUpWaitingAndRefusedAloneReleasesThatEntryAtTheZoneButKeepsTheOneItAdmitted() {
        zoneSays = new ZoneAdmission.NoAnswer("edge did not answer in 800 ms");
        String ticket = GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1);

        GateOutcome first = gate.scan(ticket, false);
        GateOutcome again = gate.scan(ticket, false);

        assertThat(first).isInstanceOf(GateOutcome.Admitted.class);
        assertThat(again).isInstanceOf(GateOutcome.Refused.class);
        assertThat(asked).hasSize(2);
        // the first, admitted offline, is the record with the asked id: the zone keeps it
        assertThat(released).containsExactly(asked.get(1));
    }

    @Test
    void aGateThatGotTheZonesAnswerOrNeverAskedReleasesNothing() {
        zoneSays = new ZoneAdmission.Refused(
                GateOutcome.Reason.ALREADY_USED, Optional.of("Gate A"), Optional.of(A_MINUTE_AGO));
        gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1), false);
        connected = false;
        skewMillis = Duration.ofMinutes(5).toMillis();
        gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1), false);

        assertThat(released).isEmpty();
    }

    /** A ticket admitted by QR here, then its wristband bound. */
    private String boundWristband() {
        GateOutcome.Admitted admitted =
                (GateOutcome.Admitted) gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1), false);
        reader.inField = new FakeReader.Band("04aabbccdd", null);
        reader.inField.problem =
                new io.fcs.terminal.device.nfc.ChipRead.Unusable(io.fcs.terminal.device.nfc.ChipRead.Problem.BLANK, "");
        assertThat(gate.bind(admitted.ticketId(), Duration.ofMillis(10))).isInstanceOf(GateOutcome.Bound.class);
        return admitted.ticketId();
    }

    @Test
    void aWristbandBackAfterAnExitAtAnotherGateIsAdmittedByTheZoneUnderItsAuthority() {
        boundWristband();
        // this gate saw the entry only; the exit was scanned at another gate of the zone
        zoneSays = new ZoneAdmission.Admitted(true);
        GateOutcome back = gate.tapWristband(false, Duration.ofMillis(10));

        assertThat(back).isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> {
            assertThat(admitted.reentry()).isTrue();
            assertThat(admitted.offline()).isFalse();
        });
        assertThat(kinds).containsExactly(ZoneAdmission.Kind.ENTRY, ZoneAdmission.Kind.ENTRY);
        assertThat(uids.getLast()).isEqualTo("04aabbccdd");
        assertThat(records().getLast().record().authority()).isEqualTo(Authority.EDGE);
        assertThat(records().getLast().record().id().toString()).isEqualTo(asked.getLast());
    }

    @Test
    void aWristbandTheZoneRefusesWithoutAnExitScanIsRefusedWithWhereAndWhen() {
        boundWristband();
        assertThat(gate.tapWristband(true, Duration.ofMillis(10))).isInstanceOf(GateOutcome.Admitted.class);
        zoneSays = new ZoneAdmission.Refused(
                GateOutcome.Reason.ALREADY_USED, Optional.of("Gate A"), Optional.of(A_MINUTE_AGO));

        GateOutcome again = gate.tapWristband(false, Duration.ofMillis(10));

        assertThat(again)
                .isEqualTo(new GateOutcome.Refused(
                        GateOutcome.Reason.ALREADY_USED, Optional.of("Gate A"), Optional.of(A_MINUTE_AGO)));
        assertThat(kinds).containsExactly(ZoneAdmission.Kind.ENTRY, ZoneAdmission.Kind.EXIT, ZoneAdmission.Kind.ENTRY);
        assertThat(uids.get(1)).isEqualTo("04aabbccdd");
    }

    @Test
    void withoutAnAnswerAWristbandIsJudgedOnTheGatesOwnPassagesFlaggedAndTheRefusalReleased() {
        boundWristband();
        zoneSays = new ZoneAdmission.NoAnswer("edge did not answer in 800 ms");
        exitSays = zoneSays;

        GateOutcome inside = gate.tapWristband(false, Duration.ofMillis(10));
        GateOutcome out = gate.tapWristband(true, Duration.ofMillis(10));
        GateOutcome back = gate.tapWristband(false, Duration.ofMillis(10));

        assertThat(inside).isInstanceOfSatisfying(GateOutcome.Refused.class, refused -> assertThat(refused.reason())
                .isEqualTo(GateOutcome.Reason.ALREADY_INSIDE));
        assertThat(released).containsExactly(asked.get(1));
        assertThat(out).isInstanceOfSatisfying(GateOutcome.Admitted.class, exit -> assertThat(exit.offline())
                .isTrue());
        assertThat(back).isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> {
            assertThat(admitted.offline()).isTrue();
            assertThat(admitted.reentry()).isTrue();
        });
        assertThat(records().getLast().record().authority()).isEqualTo(Authority.OFFLINE);
    }

    @Test
    void aForgedTicketIsRefusedWithoutAskingTheZone() {
        GateOutcome outcome =
                gate.scan(GatekeeperTest.ticket(GatekeeperTest.FRIDAY, 1).replace("FT1:", "FT1:A"), false);

        assertThat(outcome).isInstanceOf(GateOutcome.Refused.class);
        assertThat(asked).isEmpty();
    }
}
