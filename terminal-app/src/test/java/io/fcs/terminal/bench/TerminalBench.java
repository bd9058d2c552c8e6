package io.fcs.terminal.bench;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
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
import io.fcs.protocol.value.WalletId;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import io.fcs.terminal.gate.Gatekeeper;
import io.fcs.terminal.gate.SignedTicketCheck;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.OfflinePolicy;
import io.fcs.terminal.tap.RecordDraft;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.tap.WalletTaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks of the terminal's hot paths (a plain main, run by hand; see docs/benchmarks.md):
 * the POS tap software path and gate scans per second against the raw Ed25519 verify rate.
 */
public final class TerminalBench {

    private TerminalBench() {}

    public static void main(String[] args) throws Exception {
        int taps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int scans = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path dir = Files.createTempDirectory("terminal-bench");
        posTap(dir.resolve("pos"), taps);
        gate(dir.resolve("gate"), scans);
    }

    static void posTap(Path dir, int taps) {
        FestivalId festival = FestivalId.random();
        TerminalId bar = TerminalId.random();
        Ed25519.SigningKey key = Ed25519.generate();
        SimulatedNfcReader reader = new SimulatedNfcReader(new SmartcardNfcReader.Keys(
                WristbandKeys.of(new byte[16], festival), WriterKeys.of(Map.of(bar, key.verificationKey())), bar, key));
        try (TerminalStore store = TerminalStore.open(dir)) {
            WalletTaps walletTaps = new WalletTaps(
                    reader,
                    store,
                    new StoreRecordBook(store, new SignedRecordCodec(key, festival, bar), () -> {}),
                    (recordId, uid, walletId, amount, balance, counter, timeout) ->
                            new Authoriser.Granted(balance.minus(amount)),
                    new OfflinePolicy(Money.eur(0), FestivalTime.of("Europe/Paris")),
                    Clock.systemUTC(),
                    Currency.EUR);
            WalletTaps.Context context =
                    new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line("BEER", 1, 1)), "");
            int warmUp = 300;
            long[] nanos = new long[taps];
            int round = 0;
            for (int i = 0; i < warmUp + taps; i++) {
                if (i % 1000 == 0) {
                    reader.issue(
                            TagUid.fromHex("04%012x".formatted(++round)),
                            WalletId.random(),
                            Money.eur(10_000),
                            bar,
                            key);
                }
                long start = System.nanoTime();
                TapOutcome outcome = walletTaps.pay(Money.eur(1), context, Duration.ofSeconds(1));
                long took = System.nanoTime() - start;
                if (!(outcome instanceof TapOutcome.Approved)) {
                    throw new IllegalStateException("tap " + i + " was " + outcome);
                }
                if (i >= warmUp) {
                    nanos[i - warmUp] = took;
                }
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "POS tap software path (simulated AES wristband: read+verify, authorise, sign, SQLite WAL+FULL"
                            + " commit, tear-safe write): n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n",
                    taps, nanos[taps / 2] / 1e6, nanos[(int) (taps * 0.99)] / 1e6, nanos[taps - 1] / 1e6);
        }
    }

    static void gate(Path dir, int scans) {
        FestivalId festival = FestivalId.random();
        Ed25519.SigningKey ticketKey = Ed25519.generate();
        TicketIssuer issuer = new TicketIssuer(ticketKey);
        FestivalTime time = FestivalTime.of("Europe/Paris");
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < scans; i++) {
            tickets.add(issuer.issue(Ticket.of(
                    TicketId.random(), festival, 1, ValidDays.of(time.festivalDay(Instant.now())), Zones.of(1))));
        }
        TerminalId gateId = TerminalId.random();
        Ed25519.SigningKey gateKey = Ed25519.generate();
        try (TerminalStore store = TerminalStore.open(dir)) {
            Gatekeeper gate = new Gatekeeper(
                    new SignedTicketCheck(festival, List.of(ticketKey.verificationKey()), 1),
                    null,
                    store,
                    new StoreRecordBook(store, new SignedRecordCodec(gateKey, festival, gateId), () -> {}),
                    checkIn -> {},
                    () -> true,
                    time,
                    "zone",
                    "Gate A",
                    gateId.toString(),
                    Clock.systemUTC(),
                    Currency.EUR);
            long start = System.nanoTime();
            for (String ticket : tickets) {
                gate.scan(ticket, false);
            }
            double admissions = scans / ((System.nanoTime() - start) / 1e9);
            byte[] message = new byte[120];
            byte[] signature = ticketKey.sign(message);
            Ed25519.VerificationKey verification = ticketKey.verificationKey();
            for (int i = 0; i < 2000; i++) {
                verification.verify(message, signature);
            }
            // rescans (verify + revocation + check-in look-up: already used) and raw verifies in
            // alternating rounds, so that a change of machine load hits both sides of the ratio
            int rounds = 10;
            int perRound = Math.max(1, scans / rounds);
            long scanNanos = 0;
            long rawNanos = 0;
            for (int round = 0; round < rounds; round++) {
                start = System.nanoTime();
                for (int i = round * perRound; i < (round + 1) * perRound && i < tickets.size(); i++) {
                    gate.scan(tickets.get(i), false);
                }
                scanNanos += System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    verification.verify(message, signature);
                }
                rawNanos += System.nanoTime() - start;
            }
            double lookups = rounds * perRound / (scanNanos / 1e9);
            double raw = rounds * perRound / (rawNanos / 1e9);
            System.out.printf(
                    "gate, one thread: raw Ed25519 verify %.0f/s; QR verify + revocation + check-in look-up %.0f scans/s"
                            + " (ratio %.2f); first admissions incl. signed check-in record + SQLite commit %.0f/s%n",
                    raw, lookups, lookups / raw, admissions);
        }
    }
}
