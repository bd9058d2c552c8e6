package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.store.Database;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.AdmissionAnswer;
import io.fcs.protocol.message.AdmissionRequest;
import io.fcs.protocol.message.CheckIn;
import io.fcs.protocol.message.Direction;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.ReentryRefusal;
import io.fcs.protocol.ticket.AdmissionRefusal;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.ZoneId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketAdmissionsTest {

    static final Instant T0 = Instant.parse("2026-07-10T19:04:00Z");

    @TempDir
    Path dir;

    final TerminalId gateA = TerminalId.random();
    final TerminalId gateB = TerminalId.random();
    final TicketId ticket = TicketId.random();
    final MessageCodec codec = MessageCodec.standard();

    /** One edge store with its zone parts; reopened on the same folder to test durability. */
    private final class Zone implements AutoCloseable {
        final Database db = Database.open(dir);
        final CheckinRegistry checkins = new CheckinRegistry(db, Optional.empty());
        final DenyList deny = new DenyList(db);
        final TerminalKeys keys = new TerminalKeys(db);
        final EdgeMetrics metrics = new EdgeMetrics();
        final TicketAdmissions admissions = new TicketAdmissions(
                db,
                checkins,
                deny,
                new WalletReplica(db, deny),
                keys,
                metrics,
                codec,
                Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC));

        Zone enrolled(TerminalId... gates) {
            for (TerminalId gate : gates) {
                keys.put(new TerminalKeys.Terminal(
                        gate, Ed25519.generate().verificationKey(), "zone", "GATE", Optional.empty()));
            }
            return this;
        }

        AdmissionAnswer ask(TerminalId gate, String name, UUID correlation, Instant at) {
            return admissions
                    .decide(gate, new AdmissionRequest(correlation, gate, ticket, Optional.empty(), name, at))
                    .orElseThrow();
        }

        @Override
        public void close() {
            db.close();
        }
    }

    @Test
    void aTicketAdmittedAtGateAIsRefusedAtGateBWithWhereAndWhen() {
        try (Zone zone = new Zone().enrolled(gateA, gateB)) {
            AdmissionAnswer atA = zone.ask(gateA, "Gate A", UUID.randomUUID(), T0);
            assertThat(atA.admitted()).isTrue();
            assertThat(atA.reentry()).isFalse();

            AdmissionAnswer atB = zone.ask(gateB, "Gate B", UUID.randomUUID(), T0.plusSeconds(30));
            assertThat(atB.refusal()).contains(AdmissionRefusal.ALREADY_USED);
            assertThat(atB.reentryRefusal()).contains(ReentryRefusal.ONE_ENTRY_ONLY);
            assertThat(atB.previous()).contains(new AdmissionAnswer.PreviousAdmission(gateA, "Gate A", T0));
        }
    }

    @Test
    void aRepeatedRequestGetsTheSameAnswerAndMakesOneAdmissionAfterARestartToo() {
        UUID correlation = UUID.randomUUID();
        try (Zone zone = new Zone().enrolled(gateA, gateB)) {
            assertThat(zone.ask(gateA, "Gate A", correlation, T0).admitted()).isTrue();
            assertThat(zone.ask(gateA, "Gate A", correlation, T0).admitted()).isTrue();
            assertThat(zone.checkins.size()).isEqualTo(1);
        }
        try (Zone restarted = new Zone()) {
            assertThat(restarted.ask(gateA, "Gate A", correlation, T0).admitted())
                    .isTrue();
            AdmissionAnswer atB = restarted.ask(gateB, "Gate B", UUID.randomUUID(), T0.plusSeconds(5));
            assertThat(atB.refusal()).contains(AdmissionRefusal.ALREADY_USED);
            assertThat(atB.previous().orElseThrow().gateName()).isEqualTo("Gate A");
        }
    }

    @Test
    void aZoneThatAllowsReentryAdmitsAgainAfterItsCoolDownAndSaysSo() {
        try (Zone zone = new Zone().enrolled(gateA, gateB)) {
            zone.checkins.reentryRule(
                    new CheckinRegistry.ReentryRule(CheckinRegistry.Reentry.ALLOWED, Duration.ofMinutes(10)));
            assertThat(zone.ask(gateA, "Gate A", UUID.randomUUID(), T0).admitted())
                    .isTrue();
            AdmissionAnswer tooSoon = zone.ask(gateB, "Gate B", UUID.randomUUID(), T0.plusSeconds(60));
            assertThat(tooSoon.reentryRefusal()).contains(ReentryRefusal.COOL_DOWN);
            AdmissionAnswer later = zone.ask(gateB, "Gate B", UUID.randomUUID(), T0.plusSeconds(900));
            assertThat(later.admitted()).isTrue();
            assertThat(later.reentry()).isTrue();
            assertThat(later.previous().orElseThrow().gate()).isEqualTo(gateA);
        }
    }

    @Test
    void aRevokedTicketIsRefusedAsRevokedAndNotRegistered() throws Exception {
        try (Zone zone = new Zone().enrolled(gateA)) {
            zone.deny.apply(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(
                            "{\"version\":2,\"tickets\":[{\"ticketId\":\"" + ticket + "\",\"reason\":\"REFUNDED\"}]}"));
            AdmissionAnswer answer = zone.ask(gateA, "Gate A", UUID.randomUUID(), T0);
            assertThat(answer.refusal()).contains(AdmissionRefusal.REVOKED);
            assertThat(zone.checkins.size()).isZero();
        }
    }

    @Test
    void anUnknownGateOrAGateAskingForAnotherGetsNoAnswer() {
        try (Zone zone = new Zone().enrolled(gateA)) {
            AdmissionRequest fromB =
                    new AdmissionRequest(UUID.randomUUID(), gateB, ticket, Optional.empty(), "Gate B", T0);
            assertThat(zone.admissions.decide(gateB, fromB)).isEmpty();
            assertThat(zone.admissions.decide(gateA, fromB)).isEmpty();
            assertThat(zone.admissions.handle(gateA, new byte[] {1, 2, 3})).isEmpty();
            assertThat(zone.checkins.size()).isZero();
        }
    }

    @Test
    void aGateThatAdmittedAloneWhileTheTicketWasUsedElsewhereIsReportedAsAConflict() {
        try (Zone zone = new Zone().enrolled(gateA, gateB)) {
            java.util.List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
            zone.checkins.reportTo((c, admission) -> outcomes.add(admission.outcome()));
            assertThat(zone.ask(gateA, "Gate A", UUID.randomUUID(), T0).admitted())
                    .isTrue();
            zone.checkins.learn(new CheckIn(
                    RecordId.random(),
                    gateB,
                    ZoneId.random(),
                    "Gate B",
                    Optional.of(ticket),
                    Optional.empty(),
                    Direction.IN,
                    T0.plusSeconds(120)));
            assertThat(outcomes).containsExactly("AUTHORISED", CheckinRegistry.CONFLICT);
        }
    }

    @Test
    void aGateThatAdmittedAloneAndWasNeverHeardUntilItsRecordArrivedIsReportedAsAConflict() {
        try (Zone zone = new Zone().enrolled(gateA, gateB)) {
            java.util.List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
            zone.checkins.reportTo((c, admission) -> outcomes.add(admission.outcome()));
            assertThat(zone.ask(gateA, "Gate A", UUID.randomUUID(), T0).admitted())
                    .isTrue();
            UUID offlineRecord = UUID.randomUUID();
            zone.db.inTransaction(c -> {
                zone.checkins.learnRecorded(c, ticket.toString(), gateB.toString(), T0.plusSeconds(60), offlineRecord);
                // the same record delivered again is no second conflict
                zone.checkins.learnRecorded(c, ticket.toString(), gateB.toString(), T0.plusSeconds(60), offlineRecord);
                return null;
            });
            assertThat(outcomes).containsExactly("AUTHORISED", CheckinRegistry.CONFLICT);
        }
    }
}
