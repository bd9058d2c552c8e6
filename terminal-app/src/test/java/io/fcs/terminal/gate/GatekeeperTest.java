package io.fcs.terminal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.ticket.Ticket;
import io.fcs.protocol.ticket.TicketIssuer;
import io.fcs.protocol.ticket.ValidDays;
import io.fcs.protocol.ticket.Zones;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.terminal.device.nfc.ChipRead;
import io.fcs.terminal.device.nfc.ChipState;
import io.fcs.terminal.device.nfc.FakeReader;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatekeeperTest {

    static final FestivalId FESTIVAL = FestivalId.random();
    static final LocalDate FRIDAY = LocalDate.of(2026, 7, 10);
    static final Instant FRIDAY_NIGHT = Instant.parse("2026-07-10T20:00:00Z");
    static final Ed25519.SigningKey TICKET_KEY = Ed25519.generate();
    static final TicketIssuer ISSUER = new TicketIssuer(TICKET_KEY);
    private static final Duration WAIT = Duration.ofMillis(10);

    @TempDir
    Path dir;

    private TerminalStore store;
    private final FakeReader reader = new FakeReader();
    private final List<CheckIn> broadcast = new ArrayList<>();
    private Gatekeeper gate;
    private boolean online = true;

    static String ticket(LocalDate day, int zone) {
        return ISSUER.issue(Ticket.of(TicketId.random(), FESTIVAL, 3, ValidDays.of(day), Zones.of(zone)));
    }

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        TerminalId terminal = TerminalId.random();
        gate = new Gatekeeper(
                new SignedTicketCheck(FESTIVAL, List.of(TICKET_KEY.verificationKey()), 1),
                reader,
                store,
                new StoreRecordBook(store, new SignedRecordCodec(Ed25519.generate(), FESTIVAL, terminal), () -> {}),
                broadcast::add,
                () -> online,
                FestivalTime.of("Europe/Paris"),
                "zone-1",
                "Gate A",
                terminal.toString(),
                Clock.fixed(FRIDAY_NIGHT, ZoneOffset.UTC),
                Currency.EUR);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aValidTicketIsAdmittedOnceRecordedBroadcastAndAsksForAWristband() {
        GateOutcome outcome = gate.scan(ticket(FRIDAY, 1), false);

        assertThat(outcome).isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> {
            assertThat(admitted.needsBinding()).isTrue();
            assertThat(admitted.offline()).isFalse();
        });
        assertThat(broadcast).hasSize(1);
        assertThat(store.queueDepth()).isEqualTo(1);
        assertThat(gate.counters()).isEqualTo(new GateCounters(1, 0));
    }

    @Test
    void theSameTicketAgainIsRefusedAsAlreadyUsedWithWhereAndWhen() {
        String qr = ticket(FRIDAY, 1);
        gate.scan(qr, false);

        GateOutcome again = gate.scan(qr, false);

        assertThat(again)
                .isEqualTo(new GateOutcome.Refused(
                        GateOutcome.Reason.ALREADY_USED, Optional.of("Gate A"), Optional.of(FRIDAY_NIGHT)));
    }

    @Test
    void aTicketUsedAtAnotherGateOfTheZoneIsRefusedHere() {
        String qr = ticket(FRIDAY, 1);
        String ticketId = ((GateOutcome.Admitted) gate.scan(qr, false)).ticketId();
        store.close();
        store = TerminalStore.open(dir.resolve("other"));
        setUpOn(store);
        gate.otherGatePassed(
                new CheckIn(ticketId, null, "Gate B", FRIDAY_NIGHT.minusSeconds(60), CheckIn.Direction.IN, "g-b"));

        assertThat(gate.scan(qr, false))
                .isEqualTo(new GateOutcome.Refused(
                        GateOutcome.Reason.ALREADY_USED,
                        Optional.of("Gate B"),
                        Optional.of(FRIDAY_NIGHT.minusSeconds(60))));
    }

    private void setUpOn(TerminalStore other) {
        TerminalId terminal = TerminalId.random();
        gate = new Gatekeeper(
                new SignedTicketCheck(FESTIVAL, List.of(TICKET_KEY.verificationKey()), 1),
                reader,
                other,
                new StoreRecordBook(other, new SignedRecordCodec(Ed25519.generate(), FESTIVAL, terminal), () -> {}),
                broadcast::add,
                () -> online,
                FestivalTime.of("Europe/Paris"),
                "zone-1",
                "Gate C",
                terminal.toString(),
                Clock.fixed(FRIDAY_NIGHT, ZoneOffset.UTC),
                io.fcs.protocol.value.Currency.EUR);
    }

    @Test
    void forgedRevokedWrongDayAndWrongZoneTicketsAreRefusedWithTheirReason() {
        String other = new TicketIssuer(Ed25519.generate())
                .issue(Ticket.of(TicketId.random(), FESTIVAL, 3, ValidDays.of(FRIDAY), Zones.of(1)));
        String revoked = ticket(FRIDAY, 1);
        store.revokeTicket(revokedId(revoked), "refunded");

        assertThat(reason(gate.scan(other, false))).isEqualTo(GateOutcome.Reason.UNKNOWN_KEY);
        assertThat(reason(gate.scan("not a ticket", false))).isEqualTo(GateOutcome.Reason.MALFORMED);
        assertThat(reason(gate.scan(ticket(FRIDAY.plusDays(1), 1), false))).isEqualTo(GateOutcome.Reason.WRONG_DAY);
        assertThat(reason(gate.scan(ticket(FRIDAY, 2), false))).isEqualTo(GateOutcome.Reason.WRONG_ZONE);
        assertThat(reason(gate.scan(revoked, false))).isEqualTo(GateOutcome.Reason.REVOKED);
        assertThat(store.queueDepth()).isZero();
    }

    private static String revokedId(String qr) {
        var verification =
                new io.fcs.protocol.ticket.TicketVerifier(FESTIVAL, List.of(TICKET_KEY.verificationKey())).verify(qr);
        return ((io.fcs.protocol.ticket.TicketVerification.Authentic) verification)
                .ticket()
                .id()
                .toString();
    }

    @Test
    void aTamperedSignatureIsForged() {
        String qr = ticket(FRIDAY, 1);
        byte[] bytes = io.fcs.protocol.ticket.Base45.decode(
                        qr.substring(io.fcs.protocol.ticket.TicketCodec.SCHEME.length()))
                .orElseThrow();
        bytes[bytes.length - 1] ^= 1;
        String tampered = io.fcs.protocol.ticket.TicketCodec.SCHEME + io.fcs.protocol.ticket.Base45.encode(bytes);

        assertThat(reason(gate.scan(tampered, false))).isEqualTo(GateOutcome.Reason.FORGED);
    }

    @Test
    void firstEntryBindsAWristbandThenReEntryGoesByWristband() {
        String qr = ticket(FRIDAY, 1);
        GateOutcome.Admitted admitted = (GateOutcome.Admitted) gate.scan(qr, false);
        reader.inField = new FakeReader.Band("04aabbccdd", null);
        reader.inField.problem = new ChipRead.Unusable(ChipRead.Problem.BLANK, "");

        assertThat(gate.bind(admitted.ticketId(), WAIT))
                .isEqualTo(new GateOutcome.Bound(admitted.ticketId(), "04aabbccdd"));
        assertThat(gate.tapWristband(false, WAIT))
                .isInstanceOfSatisfying(GateOutcome.Refused.class, r -> assertThat(r.reason())
                        .isEqualTo(GateOutcome.Reason.ALREADY_INSIDE));
        assertThat(gate.tapWristband(true, WAIT))
                .isInstanceOfSatisfying(
                        GateOutcome.Admitted.class, a -> assertThat(a.exit()).isTrue());
        assertThat(gate.tapWristband(false, WAIT))
                .isInstanceOfSatisfying(
                        GateOutcome.Admitted.class, a -> assertThat(a.reentry()).isTrue());
        assertThat(gate.counters()).isEqualTo(new GateCounters(2, 1));
    }

    @Test
    void anUnboundOrBlockedWristbandIsRefused() {
        reader.inField = new FakeReader.Band("04aabbccee", new ChipState("", Money.eur(0), 1, "", false));
        assertThat(reason(gate.tapWristband(false, WAIT))).isEqualTo(GateOutcome.Reason.NOT_BOUND);

        store.denyWristband("04aabbccee", "lost");
        assertThat(reason(gate.tapWristband(false, WAIT))).isEqualTo(GateOutcome.Reason.BLOCKED);

        reader.inField = new FakeReader.Band("04aabbccff", null);
        reader.inField.problem = new ChipRead.Unusable(ChipRead.Problem.CLONED, "");
        assertThat(reason(gate.tapWristband(false, WAIT))).isEqualTo(GateOutcome.Reason.BLOCKED);
    }

    @Test
    void anOfflineGateStillAdmitsAndFlagsIt() {
        online = false;

        assertThat(gate.scan(ticket(FRIDAY, 1), false))
                .isInstanceOfSatisfying(
                        GateOutcome.Admitted.class, a -> assertThat(a.offline()).isTrue());
    }

    private static GateOutcome.Reason reason(GateOutcome outcome) {
        return ((GateOutcome.Refused) outcome).reason();
    }
}
