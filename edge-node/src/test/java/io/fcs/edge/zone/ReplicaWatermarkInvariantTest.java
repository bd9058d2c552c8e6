package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.store.Database;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.WalletId;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replica's invariant under any interleaving of taps, records reaching the edge, central
 * committing them, its acknowledgements and wallet polls (decisions 0156, 0231): available =
 * central's balance of the last poll + the local deltas that balance does not include, never a
 * delta counted twice or not at all.
 */
class ReplicaWatermarkInvariantTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WALLET = "22222222-2222-2222-2222-222222222222";
    static final String UID = "04c0ffee000001";
    static final String KIOSK = "00000000-0000-0000-0000-00000000000a";
    static final String BAR = "00000000-0000-0000-0000-00000000000b";
    static final int STEPS = 250;

    @TempDir
    Path dir;

    /** One approved tap: its signed effect on the wallet (debit > 0) and, once recorded, its sequence. */
    static final class Tap {
        final String terminal;
        final long signedAmount;
        long sequence = -1;

        Tap(String terminal, long signedAmount) {
            this.terminal = terminal;
            this.signedAmount = signedAmount;
        }
    }

    /** What central has: per terminal its committed watermark, and the balance including them. */
    static final class Central {
        long balance = 5_000;
        final long[] watermark = {0, 0};

        int index(String terminal) {
            return terminal.equals(KIOSK) ? 0 : 1;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 7L, 2026L})
    void theReplicaIsCentralsBalancePlusTheLocalDeltasItDoesNotIncludeYet(long seed) throws Exception {
        Random random = new Random(seed);
        Central central = new Central();
        List<Tap> taps = new ArrayList<>();
        Deque<Tap> unrecordedKiosk = new ArrayDeque<>();
        Deque<Tap> unrecordedBar = new ArrayDeque<>();
        List<Tap> recordedNotCommitted = new ArrayList<>();
        long[] nextSequence = {1, 1};
        long[] polledWatermark = {0, 0};
        long polledBalance;
        long version = 1;
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.apply(JSON.readTree(answer(version, central.balance, new long[] {0, 0}, true)), replica.syncMark());
            polledBalance = central.balance;
            WalletId wallet = WalletId.parse(WALLET);
            for (int step = 0; step < STEPS; step++) {
                int action = random.nextInt(6);
                switch (action) {
                    case 0 -> { // a kiosk top-up, approved at once
                        long cents = 100 + random.nextInt(20) * 50;
                        Tap tap = new Tap(KIOSK, -cents);
                        if (replica.credit(UID, cents, Currency.EUR, "k" + step, KIOSK)
                                instanceof WalletReplica.Approved) {
                            taps.add(tap);
                            unrecordedKiosk.add(tap);
                        }
                    }
                    case 1 -> { // a bar sale, approved if the replica covers it
                        long cents = 50 + random.nextInt(30) * 50;
                        Tap tap = new Tap(BAR, cents);
                        if (replica.authorise(UID, cents, Currency.EUR, "b" + step, BAR)
                                instanceof WalletReplica.Approved) {
                            taps.add(tap);
                            unrecordedBar.add(tap);
                        }
                    }
                    case 2 -> { // the oldest tap's record of one terminal reaches the edge
                        Deque<Tap> queue = random.nextBoolean() ? unrecordedKiosk : unrecordedBar;
                        Tap tap = queue.poll();
                        if (tap != null) {
                            int t = central.index(tap.terminal);
                            tap.sequence = nextSequence[t]++;
                            long delta = db.inTransaction(c ->
                                    replica.recordArrived(c, tap.terminal, tap.sequence, wallet, tap.signedAmount));
                            replica.adjustHeld(wallet, delta);
                            recordedNotCommitted.add(tap);
                        }
                    }
                    case 3 -> { // central commits the uplinked records of one terminal
                        String terminal = random.nextBoolean() ? KIOSK : BAR;
                        for (Tap tap : List.copyOf(recordedNotCommitted)) {
                            if (tap.terminal.equals(terminal)) {
                                central.balance -= tap.signedAmount;
                                central.watermark[central.index(terminal)] = tap.sequence;
                                recordedNotCommitted.remove(tap);
                            }
                        }
                    }
                    case 4 -> { // central's acknowledgement reaches the edge
                        String terminal = random.nextBoolean() ? KIOSK : BAR;
                        replica.recordsConfirmed(terminal, central.watermark[central.index(terminal)]);
                    }
                    default -> { // a wallet poll: central's balance and its watermarks, or no change
                        long mark = replica.syncMark();
                        boolean changed = central.balance != polledBalance;
                        if (changed) {
                            version++;
                        }
                        String answer = answer(version, central.balance, central.watermark, changed);
                        if (changed) {
                            replica.apply(JSON.readTree(answer), mark);
                        } else {
                            replica.settleIncluded(JSON.readTree(answer), mark);
                        }
                        polledBalance = central.balance;
                        polledWatermark = central.watermark.clone();
                    }
                }
                long notIncluded = 0;
                for (Tap tap : taps) {
                    boolean included =
                            tap.sequence >= 0 && tap.sequence <= polledWatermark[central.index(tap.terminal)];
                    if (!included) {
                        notIncluded -= tap.signedAmount;
                    }
                }
                assertThat(replica.available(wallet))
                        .as("seed %d, step %d (action %d)", seed, step, action)
                        .contains(polledBalance + notIncluded);
            }
        }
    }

    private static String answer(long version, long balance, long[] watermarks, boolean withWallet) {
        String wallets = withWallet ? """
                        {"walletId": "%s", "balanceCents": %d, "pendingCents": 0, "currency": "EUR",
                         "blocked": false, "offlineAllowanceCents": 0, "wristbands": ["%s"]}""".formatted(WALLET, balance, UID) : "";
        return """
                {"version": %d, "complete": true, "wallets": [%s], "watermarks": [
                 {"terminalId": "%s", "watermark": %d}, {"terminalId": "%s", "watermark": %d}]}""".formatted(version, wallets, KIOSK, watermarks[0], BAR, watermarks[1]);
    }
}
