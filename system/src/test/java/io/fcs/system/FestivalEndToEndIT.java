package io.fcs.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.value.WalletId;
import io.fcs.system.harness.CentralNode;
import io.fcs.system.harness.EdgeNode;
import io.fcs.system.harness.FestivalProcesses;
import io.fcs.system.harness.FestivalSetUp;
import io.fcs.system.harness.SimTerminal;
import io.fcs.system.harness.Wristbands;
import io.fcs.terminal.gate.GateOutcome;
import io.fcs.terminal.tap.TapOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The festival across real processes: central's jar (H2), one edge-node jar per zone (bar zone,
 * entrance zone; embedded MQTT broker, plain TCP on loopback), and terminals speaking real MQTT to
 * them. The terminals are terminal-app's own classes (store, simulated NFC reader, desks, sync
 * client) running in this JVM, because the terminal jar's headless mode simulates a whole zone on
 * an in-memory stand-in edge and cannot be told to make one given sale: see {@link SimTerminal}.
 * Every outcome is checked where finance sees it: central's wallets and the reconciliation of
 * {@code GET /finance/festivals/{id}/reconciliation}.
 *
 * <p>The tests share the processes and run in order, each on what the previous left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FestivalEndToEndIT {

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

    @TempDir
    static Path work;

    static FestivalProcesses processes;
    static CentralNode central;
    static EdgeNode barEdge;
    static EdgeNode entranceEdge;
    static FestivalSetUp festival;
    static Wristbands wristbands;
    static SimTerminal bar;
    static SimTerminal kiosk;
    static SimTerminal gateA;
    static SimTerminal gateB;
    static FestivalSetUp.Attendee alice;
    static SimulatedTag anonymousBand;
    static SimulatedTag aliceBand;
    static String aliceWallet;

    @BeforeAll
    static void startTheFestival() throws Exception {
        processes = FestivalProcesses.start(work, "End-to-end festival");
        central = processes.central;
        festival = processes.festival;
        wristbands = processes.wristbands;
        barEdge = processes.edge("edge-bar", festival.bar, null);
        entranceEdge = processes.edge("edge-entrance", festival.entrance, null);
        bar = processes.terminal(SimTerminal.Kind.POS, "Main bar", festival.bar, barEdge.mqttUrl(), "pos");
        kiosk = processes.terminal(SimTerminal.Kind.KIOSK, "Top-up kiosk", festival.bar, barEdge.mqttUrl(), "kiosk");
        gateA = processes.terminal(
                SimTerminal.Kind.GATE, "Gate A", festival.entrance, entranceEdge.mqttUrl(), "gate-a");
        gateB = processes.terminal(
                SimTerminal.Kind.GATE, "Gate B", festival.entrance, entranceEdge.mqttUrl(), "gate-b");
        processes.awaitTerminalsConnected(WITHIN_SECONDS);
        alice = festival.attendee("alice@example.org");
    }

    @AfterAll
    static void stopTheFestival() {
        if (processes != null) {
            processes.close();
        }
    }

    static List<SimTerminal> terminals() {
        return processes.terminals();
    }

    @Test
    @Order(1)
    void aCardTopUpAtTheKioskCreditsTheWalletInCentralsLedger() {
        JsonNode before = festival.reconciliation();
        anonymousBand = wristbands.issue(WalletId.random());

        TapOutcome topUp = kiosk.topUpByCard(anonymousBand, 2000);

        assertThat(topUp).isInstanceOf(TapOutcome.Approved.class);
        assertThat(((TapOutcome.Approved) topUp).newBalance().minor()).isEqualTo(2000);
        await("the top-up in central's ledger").atMost(WITHIN_SECONDS).untilAsserted(() -> {
            JsonNode now = festival.reconciliation();
            assertThat(now.path("topUpsCents").asLong()
                            - before.path("topUpsCents").asLong())
                    .isEqualTo(2000);
            assertThat(festival.walletOfWristband(Wristbands.uid(anonymousBand))
                            .path("balanceCents")
                            .asLong())
                    .isEqualTo(2000);
            assertThat(now.path("conservationDifferenceCents").asLong()).isZero();
        });
    }

    @Test
    @Order(2)
    void aSaleAtTheBarIsAuthorisedByTheZonesEdgeAndPostedToCentralsLedger() {
        zoneSettled(barEdge);
        JsonNode before = festival.reconciliation();

        TapOutcome sale = bar.sell(anonymousBand, SimTerminal.BEER, 1);

        assertThat(sale).isInstanceOfSatisfying(TapOutcome.Approved.class, approved -> {
            assertThat(approved.authority()).isEqualTo(TapOutcome.Authority.EDGE);
            assertThat(approved.amount().minor()).isEqualTo(FestivalSetUp.BEER_CENTS);
        });
        await("the sale in central's ledger").atMost(WITHIN_SECONDS).untilAsserted(() -> {
            JsonNode now = festival.reconciliation();
            assertThat(now.path("salesCents").asLong()
                            - before.path("salesCents").asLong())
                    .isEqualTo(FestivalSetUp.BEER_CENTS);
            assertThat(festival.walletOfWristband(Wristbands.uid(anonymousBand))
                            .path("balanceCents")
                            .asLong())
                    .isEqualTo(2000 - FestivalSetUp.BEER_CENTS);
            assertThat(now.path("conservationDifferenceCents").asLong()).isZero();
        });
    }

    @Test
    @Order(3)
    void anOnlineTopUpIsSpentAtTheBarWithinSeconds() {
        TagUid uid = wristbands.nextUid();
        aliceWallet = alice.linkWristband(uid.hex());
        aliceBand = wristbands.issue(uid, WalletId.parse(aliceWallet));
        JsonNode before = festival.reconciliation();

        JsonNode topUp = alice.topUp(3000);

        assertThat(topUp.path("balanceCents").asLong()).isEqualTo(3000);
        await("the online top-up reaches the bar as a pending credit")
                .atMost(WITHIN_SECONDS)
                .until(() -> !bar.store().owedCredits(aliceWallet).isEmpty());
        TapOutcome sale = bar.sell(aliceBand, SimTerminal.BEER, 1);
        assertThat(sale).isInstanceOfSatisfying(TapOutcome.Approved.class, approved -> {
            assertThat(approved.loaded().minor()).as("online top-up loaded").isEqualTo(3000);
            assertThat(approved.amount().minor()).isEqualTo(FestivalSetUp.BEER_CENTS);
            assertThat(approved.authority()).isEqualTo(TapOutcome.Authority.EDGE);
        });
        await("the sale and the loaded credit in central")
                .atMost(WITHIN_SECONDS)
                .untilAsserted(() -> {
                    JsonNode account = alice.account();
                    assertThat(account.path("balanceCents").asLong()).isEqualTo(3000 - FestivalSetUp.BEER_CENTS);
                    assertThat(account.path("pendingCents").asLong()).isZero();
                    JsonNode now = festival.reconciliation();
                    assertThat(now.path("topUpsCents").asLong()
                                    - before.path("topUpsCents").asLong())
                            .isEqualTo(3000);
                    assertThat(now.path("salesCents").asLong()
                                    - before.path("salesCents").asLong())
                            .isEqualTo(FestivalSetUp.BEER_CENTS);
                    assertThat(now.path("conservationDifferenceCents").asLong()).isZero();
                });
    }

    @Test
    @Order(4)
    void aTicketBoughtOnlineIsAdmittedAtOneGateAndRefusedAtTheOtherGateOfTheZone() {
        JsonNode ticket = alice.buyTicket(festival.passTypeId);
        String ticketId = ticket.path("id").asString();
        String qr = ticket.path("qrCode").asString();

        GateOutcome first = gateA.scan(qr);
        assertThat(first)
                .isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> assertThat(admitted.needsBinding())
                        .isTrue());
        assertThat(gateA.bind(aliceBand, ticketId)).isInstanceOf(GateOutcome.Bound.class);

        await("gate B hears of gate A's admission").atMost(WITHIN_SECONDS).until(() -> gateB.knowsPassageOf(ticketId));
        GateOutcome second = gateB.scan(qr);
        assertThat(second).isInstanceOfSatisfying(GateOutcome.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(GateOutcome.Reason.ALREADY_USED);
            assertThat(refused.where()).contains("Gate A");
        });
        await("gate A's admission and binding are applied in central")
                .atMost(WITHIN_SECONDS)
                .untilAsserted(() -> {
                    JsonNode gate = FestivalProcesses.terminalFigures(festival.reconciliation(), gateA);
                    assertThat(gate.path("applied").asLong()).isEqualTo(gateA.committed());
                    assertThat(gateA.committed()).isGreaterThanOrEqualTo(2);
                });
        assertThat(gateB.committed()).as("a refusal records nothing").isZero();
    }

    @Test
    @Order(5)
    void aWristbandBlockedCentrallyIsRefusedEverywhere() {
        long balance = alice.account().path("balanceCents").asLong();
        JsonNode before = festival.reconciliation();

        alice.blockWristband(aliceBand.uid().hex());

        await("every terminal of both zones has the wristband on its deny list")
                .atMost(WITHIN_SECONDS)
                .until(() -> terminals().stream().allMatch(t -> t.denies(aliceBand)));
        assertThat(bar.sell(aliceBand, SimTerminal.WATER, 1))
                .isInstanceOfSatisfying(
                        TapOutcome.Refused.class, r -> assertThat(r.reason()).isEqualTo(TapOutcome.Reason.BLOCKED));
        assertThat(kiosk.topUpByCard(aliceBand, 1000))
                .isInstanceOfSatisfying(
                        TapOutcome.Refused.class, r -> assertThat(r.reason()).isEqualTo(TapOutcome.Reason.BLOCKED));
        assertThat(gateB.tap(aliceBand)).isInstanceOfSatisfying(GateOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(GateOutcome.Reason.BLOCKED));
        assertThat(gateA.tap(aliceBand)).isInstanceOfSatisfying(GateOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(GateOutcome.Reason.BLOCKED));
        allRecordsAcknowledged();
        JsonNode after = festival.reconciliation();
        assertThat(alice.account().path("balanceCents").asLong()).isEqualTo(balance);
        assertThat(after.path("salesCents").asLong())
                .isEqualTo(before.path("salesCents").asLong());
        assertThat(after.path("topUpsCents").asLong())
                .isEqualTo(before.path("topUpsCents").asLong());
    }

    @Test
    @Order(6)
    void everyRecordATerminalCommittedIsInCentralExactlyOnceAndTheBooksBalanceToTheCent() {
        JsonNode books = processes.awaitEveryRecordApplied(WITHIN_SECONDS);
        assertThat(books.path("records").path("refused").asLong()).isZero();
        assertThat(books.path("gaps")).isEmpty();
        assertThat(books.path("forks")).isEmpty();
        assertThat(books.path("conservationDifferenceCents").asLong()).isZero();
        assertThat(books.path("topUpsCents").asLong()).isEqualTo(2000 + 3000);
        assertThat(books.path("salesCents").asLong()).isEqualTo(2 * FestivalSetUp.BEER_CENTS);
        assertThat(books.path("walletBalancesCents").asLong()).isEqualTo(5000 - 2 * FestivalSetUp.BEER_CENTS);
        assertThat(books.path("offlineExposureCents").asLong()).isZero();
        assertThat(books.path("wristbandValuesCents").asLong()
                        + books.path("pendingCents").asLong())
                .as("what the wristbands carry plus what is pending is what the wallets hold")
                .isEqualTo(books.path("walletBalancesCents").asLong());
        assertThat(barEdge.backlog()).isZero();
        assertThat(entranceEdge.backlog()).isZero();
    }

    static void allRecordsAcknowledged() {
        processes.awaitRecordsAcknowledged(WITHIN_SECONDS);
    }

    /**
     * Waits until the zone's edge forwarded everything and holds central's latest wallets (and so
     * the wristband links central made from the records), as a bar does a few seconds after a
     * top-up elsewhere.
     */
    static void zoneSettled(EdgeNode edge) {
        long version = festival.wallets().path("version").asLong();
        await(edge.name() + " has central's wallets")
                .atMost(WITHIN_SECONDS)
                .until(() -> terminals().stream().allMatch(t -> t.acknowledged() >= t.committed())
                        && edge.backlog() == 0
                        && edge.walletVersion() >= version);
    }
}
