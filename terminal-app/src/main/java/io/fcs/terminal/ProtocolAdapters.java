package io.fcs.terminal;

import io.fcs.protocol.value.FestivalId;
import io.fcs.terminal.device.nfc.NfcReader;
import io.fcs.terminal.device.qr.QrScanner;
import io.fcs.terminal.gate.CheckInPublisher;
import io.fcs.terminal.gate.SignedTicketCheck;
import io.fcs.terminal.gate.TicketCheck;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.RecordCodec;
import io.fcs.terminal.tap.SignedRecordCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds the adapters that speak the protocol's bytes (records, tickets, chip, MQTT messages). */
final class ProtocolAdapters {

    private ProtocolAdapters() {}

    /** What the terminal needs of its sync client. */
    interface Sync extends AutoCloseable {
        void start();

        void wake();

        boolean connected();

        Optional<Instant> lastSync();

        long clockSkewSeconds();

        Authoriser authoriser();

        CheckInPublisher checkIns();

        void onCheckIn(Consumer<CheckIn> listener);

        @Override
        void close();
    }

    static NfcReader reader(TerminalOptions options, TerminalIdentity identity) {
        throw new UnsupportedOperationException("NFC reader adapters arrive with the protocol's reader package");
    }

    static QrScanner camera() {
        throw new UnsupportedOperationException("camera frame grabbing is not wired");
    }

    static Sync sync(TerminalOptions options, TerminalIdentity identity, TerminalStore store, Clock clock) {
        throw new UnsupportedOperationException("sync codecs arrive with the protocol's message package");
    }

    static RecordCodec recordCodec(TerminalIdentity identity) {
        return new SignedRecordCodec(
                identity.signingKey(), FestivalId.parse(identity.festivalId()), identity.terminalId());
    }

    static TicketCheck tickets(TerminalIdentity identity, TerminalStore store) {
        return new SignedTicketCheck(
                FestivalId.parse(identity.festivalId()), identity.ticketKeys(), identity.zoneNumber());
    }
}
