package io.fcs.system.simulation;

import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.TagAssessment;
import io.fcs.protocol.tag.TagImage;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.tag.WristbandLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DESIGN §7, checked after a drained run against what really happened ({@link Oracle}):
 *
 * <ol>
 *   <li>conservation to the cent: every journal entry balances; Σ wallets − Σ exposure = Σ top-ups
 *       − Σ sales, in the ledger and in what terminals committed; drawers and revenue match; each
 *       wristband that was not attacked and owes no write carries what the ledger says;
 *   <li>no loss: every committed record is in the ledger exactly once, with its signed bytes;
 *   <li>no creation: nothing else posts money (tampered, replayed, forged records never do);
 *   <li>chains: every terminal's chain is applied up to its head, with no gap and no alert;
 *   <li>offline: offline sales stay within the allowance per wristband and terminal, and a
 *       wallet's exposure is explained by offline sales or by an attacked or stale wristband;
 *   <li>replicas: every edge's replica converged to central's balances, no recorded hold left.
 * </ol>
 */
final class Invariants {

    private static final int MAX_LISTED = 20;

    private final FestivalSimulation sim;
    private final List<String> violations = new ArrayList<>();

    Invariants(FestivalSimulation sim) {
        this.sim = sim;
    }

    List<String> check() {
        SimCentral.Store ledger = sim.central.store;
        conservation(ledger);
        exactlyOnce(ledger);
        chains(ledger);
        offline(ledger);
        replicas(ledger);
        wristbands(ledger);
        return violations;
    }

    private void fail(String violation) {
        if (violations.size() < MAX_LISTED) {
            violations.add(violation);
        } else if (violations.size() == MAX_LISTED) {
            violations.add("… more violations not listed");
        }
    }

    private void conservation(SimCentral.Store ledger) {
        for (SimCentral.Entry entry : ledger.journal) {
            long sum = entry.lines().stream().mapToLong(SimCentral.Line::cents).sum();
            if (sum != 0) {
                fail("conservation: entry of record " + entry.recordId() + " is unbalanced by " + sum);
            }
        }
        long wallets =
                ledger.wallets.values().stream().mapToLong(Long::longValue).sum();
        long exposure =
                ledger.exposure.values().stream().mapToLong(Long::longValue).sum();
        if (wallets - exposure != ledger.topUps - ledger.sales) {
            fail("conservation: Σ wallets " + wallets + " − Σ exposure " + exposure + " ≠ ledger top-ups "
                    + ledger.topUps + " − sales " + ledger.sales);
        }
        if (wallets - exposure != sim.oracle.topUps - sim.oracle.sales) {
            fail("conservation: Σ wallets " + wallets + " − Σ exposure " + exposure + " ≠ committed top-ups "
                    + sim.oracle.topUps + " − committed sales " + sim.oracle.sales);
        }
        long drawers = 0;
        long revenue = 0;
        for (Map.Entry<String, Long> account : ledger.accounts.entrySet()) {
            String name = account.getKey();
            long balance = account.getValue();
            if (name.startsWith("CASH_DRAWER:")) {
                drawers += balance;
            } else if (name.startsWith("REVENUE:")) {
                revenue -= balance;
            } else if (name.startsWith("WALLET:")) {
                String wallet = name.substring("WALLET:".length());
                if (-balance != ledger.wallets.getOrDefault(wallet, 0L)) {
                    fail("conservation: account " + name + " is " + -balance + ", wallet balance "
                            + ledger.wallets.get(wallet));
                }
            } else if (name.startsWith("OFFLINE_EXPOSURE:")) {
                String wallet = name.substring("OFFLINE_EXPOSURE:".length());
                if (balance != ledger.exposure.getOrDefault(wallet, 0L)) {
                    fail("conservation: account " + name + " is " + balance + ", exposure "
                            + ledger.exposure.get(wallet));
                }
            }
        }
        if (drawers != sim.oracle.topUps) {
            fail("conservation: cash drawers hold " + drawers + ", committed cash top-ups " + sim.oracle.topUps);
        }
        if (revenue != sim.oracle.sales) {
            fail("conservation: revenue " + revenue + ", committed sales " + sim.oracle.sales);
        }
        for (Map.Entry<String, Long> wallet : ledger.wallets.entrySet()) {
            long net = wallet.getValue() - ledger.exposure.getOrDefault(wallet.getKey(), 0L);
            if (wallet.getValue() < 0 || ledger.exposure.getOrDefault(wallet.getKey(), 0L) < 0) {
                fail("conservation: wallet " + wallet.getKey() + " is " + wallet.getValue() + " with exposure "
                        + ledger.exposure.get(wallet.getKey()) + " (neither may be negative)");
            }
            if (net != ledger.chipValue.getOrDefault(wallet.getKey(), 0L)) {
                fail("conservation: wallet " + wallet.getKey() + " nets " + net + " but its wristband value is "
                        + ledger.chipValue.get(wallet.getKey()) + " with nothing pending");
            }
        }
    }

    private void exactlyOnce(SimCentral.Store ledger) {
        TreeMap<String, String> postedHash = new TreeMap<>();
        for (SimCentral.Entry entry : ledger.journal) {
            postedHash.put(entry.recordId(), entry.recordHash());
            if (!sim.oracle.committed.containsKey(entry.recordId())) {
                fail("no creation: record " + entry.recordId() + " of " + entry.terminal() + "#" + entry.sequence()
                        + " was posted but no terminal committed it");
            }
        }
        for (Map.Entry<String, Integer> applied : ledger.applications.entrySet()) {
            if (applied.getValue() != 1) {
                fail("exactly once: record " + applied.getKey() + " was applied " + applied.getValue() + " times");
            }
        }
        for (Oracle.Committed committed : sim.oracle.committed.values()) {
            String id = committed.record().id().toString();
            String hash = postedHash.get(id);
            if (hash == null) {
                fail("no loss: record " + id + " (" + committed.terminalName() + "#"
                        + committed.record().sequence() + ", "
                        + committed.record().kind() + ") never reached the ledger");
            } else if (!hash.equals(committed.signed().hash().toString())) {
                fail("no creation: record " + id + " was posted with other bytes than " + committed.terminalName()
                        + " signed");
            }
        }
    }

    private void chains(SimCentral.Store ledger) {
        for (SimTerminal terminal : sim.terminals) {
            String id = terminal.id.toString();
            SimCentral.Chain chain = ledger.chains.get(id);
            long applied = chain == null ? 0 : chain.applied;
            if (applied != terminal.store.headSequence) {
                fail("chains: " + terminal.name + " signed up to #" + terminal.store.headSequence
                        + ", central applied up to #" + applied
                        + (chain == null || chain.held.isEmpty() ? "" : ", holding " + chain.held.keySet()));
            } else if (chain != null && !chain.head.equals(terminal.store.head)) {
                fail("chains: " + terminal.name + " head " + terminal.store.head + " ≠ central head " + chain.head);
            }
        }
        for (String alert : ledger.alerts) {
            fail("chains: central raised an alert on an honest terminal: " + alert);
        }
        for (SimEdge edge : sim.edges()) {
            for (String alert : edge.store.alerts) {
                fail("chains: edge raised an alert on an honest terminal: " + alert);
            }
        }
    }

    private void offline(SimCentral.Store ledger) {
        TreeMap<String, Long> offlinePerTerminalAndWristband = new TreeMap<>();
        TreeMap<String, Long> offlinePerWallet = new TreeMap<>();
        TreeMap<String, Long> salesPerWallet = new TreeMap<>();
        for (Oracle.Committed committed : sim.oracle.committed.values()) {
            TransactionRecord record = committed.record();
            if (record.kind() != RecordKind.SALE) {
                continue;
            }
            String wallet = record.wallet().map(Object::toString).orElse("");
            salesPerWallet.merge(wallet, record.amount().minor(), Long::sum);
            if (record.authority() == Authority.OFFLINE) {
                String key = committed.terminalName() + " "
                        + record.wristband().map(Object::toString).orElse("");
                offlinePerTerminalAndWristband.merge(key, record.amount().minor(), Long::sum);
                offlinePerWallet.merge(wallet, record.amount().minor(), Long::sum);
            }
        }
        for (Map.Entry<String, Long> spent : offlinePerTerminalAndWristband.entrySet()) {
            if (spent.getValue() > SimTerminal.OFFLINE_ALLOWANCE_CENTS) {
                fail("offline: " + spent.getKey() + " sold " + spent.getValue() + " offline, above the allowance of "
                        + SimTerminal.OFFLINE_ALLOWANCE_CENTS);
            }
        }
        for (Map.Entry<String, Long> exposed : ledger.everExposed.entrySet()) {
            String wallet = exposed.getKey();
            long explained = offlinePerWallet.getOrDefault(wallet, 0L);
            if (sim.oracle.attackedWallets.contains(wallet) || sim.oracle.pendingWallets.contains(wallet)) {
                explained = salesPerWallet.getOrDefault(wallet, 0L);
            }
            if (exposed.getValue() > explained) {
                fail("offline: wallet " + wallet + " went " + exposed.getValue()
                        + " below zero, more than its offline sales or attacked/stale-wristband sales (" + explained
                        + ")");
            }
        }
    }

    private void replicas(SimCentral.Store ledger) {
        for (SimEdge edge : sim.edges()) {
            for (Map.Entry<String, Long> wallet : ledger.wallets.entrySet()) {
                long net = wallet.getValue() - ledger.exposure.getOrDefault(wallet.getKey(), 0L);
                long replica = edge.store.replica.getOrDefault(wallet.getKey(), 0L);
                if (replica != net) {
                    fail("replicas: " + edge.name() + " holds " + replica + " for wallet " + wallet.getKey()
                            + ", central " + net);
                    break;
                }
            }
            if (edge.recordedHolds() != 0) {
                fail("replicas: " + edge.name() + " still holds " + edge.recordedHolds()
                        + " recorded debits central has applied");
            }
        }
    }

    /** Reads every honest wristband through the protocol's tag assessment and compares it with the ledger. */
    private void wristbands(SimCentral.Store ledger) {
        TreeMap<String, Boolean> owed = new TreeMap<>();
        for (SimTerminal terminal : sim.terminals) {
            for (String uid : terminal.store.pending.keySet()) {
                owed.put(uid, true);
            }
        }
        for (Attendee attendee : sim.attendees) {
            String wallet = attendee.wallet.toString();
            if (sim.oracle.attackedWallets.contains(wallet)) {
                continue;
            }
            if (owed.containsKey(attendee.uidHex)) {
                fail("wristbands: " + attendee.label() + " still owes a chip write after the drain");
                continue;
            }
            if (sim.oracle.unreconciledWallets.containsKey(wallet)) {
                continue; // reported for reconciliation: its chip may differ from the ledger
            }
            if (ledger.everExposed.containsKey(wallet)) {
                continue; // a chip cannot carry a negative balance: it was written as zero
            }
            sim.stats.wristbandsCompared++;
            TagReading reading = TagAssessment.assess(image(attendee.tag), sim.writerKeys());
            ChipState state = reading.lastKnownState().orElse(null);
            long onChip = state == null ? -1 : state.balance().minor();
            long inLedger = ledger.wallets.getOrDefault(wallet, 0L) - ledger.exposure.getOrDefault(wallet, 0L);
            if (!(reading instanceof TagReading.Valid || reading instanceof TagReading.Torn) || onChip != inLedger) {
                fail("wristbands: " + attendee.label() + " reads "
                        + reading.getClass().getSimpleName() + " with " + onChip + " on the chip, the ledger says "
                        + inLedger);
            }
        }
    }

    private static TagImage image(SimulatedTag tag) {
        byte[] pages = tag.dumpPages();
        int page = WristbandLayout.PAGE_SIZE;
        return new TagImage(
                tag.chip().orElseThrow(),
                tag.uid(),
                Arrays.copyOfRange(pages, WristbandLayout.HEADER_PAGE * page, (WristbandLayout.HEADER_PAGE + 1) * page),
                Arrays.copyOfRange(
                        pages,
                        WristbandLayout.SLOT_A_FIRST_PAGE * page,
                        WristbandLayout.SLOT_A_FIRST_PAGE * page + WristbandLayout.SLOT_LENGTH),
                Arrays.copyOfRange(
                        pages,
                        WristbandLayout.SLOT_B_FIRST_PAGE * page,
                        WristbandLayout.SLOT_B_FIRST_PAGE * page + WristbandLayout.SLOT_LENGTH),
                tag.counter());
    }
}
