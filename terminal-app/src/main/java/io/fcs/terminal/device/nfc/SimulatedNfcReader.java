package io.fcs.terminal.device.nfc;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.InitialiseOutcome;
import io.fcs.protocol.reader.SimulatedReader;
import io.fcs.protocol.reader.SimulatedReaders;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.reader.WristbandSession;
import io.fcs.protocol.reader.WriteOutcome;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.OfflineAllowance;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;

/**
 * The NFC port over the protocol's simulated reader and tags (a {@code javax.smartcardio}
 * provider): the same {@link SmartcardNfcReader} code as with PC/SC, with fault injection on
 * {@link #device()} (tear after page N, removed card, clone, rollback, reader unplugged).
 */
public final class SimulatedNfcReader implements NfcReader {

    public static final String NAME = "FCS simulated reader";

    private final SimulatedReaders readers = SimulatedReaders.of(NAME);
    private final SmartcardNfcReader delegate;
    private final SmartcardNfcReader.Keys keys;

    public SimulatedNfcReader(SmartcardNfcReader.Keys keys) {
        this.keys = keys;
        this.delegate = new SmartcardNfcReader(readers::terminalFactory, NAME, keys);
    }

    /** The simulated reader: present or remove tags, inject faults. */
    public SimulatedReader device() {
        return readers.reader(NAME);
    }

    /**
     * Makes a new AES-class wristband holding {@code balance} for {@code wallet}, as issuance
     * would (initialised, first state signed by {@code issuer}), and leaves it on the reader.
     */
    public SimulatedTag issue(
            TagUid uid, WalletId wallet, Money balance, TerminalId issuer, Ed25519.SigningKey issuerKey) {
        return issue(SimulatedTag.aesClass(uid), wallet, balance, issuer, issuerKey);
    }

    /** Issues {@code tag} (any profile, e.g. a plain NTAG215) as {@link #issue(TagUid, WalletId, Money, TerminalId, Ed25519.SigningKey)} does. */
    public SimulatedTag issue(
            SimulatedTag tag, WalletId wallet, Money balance, TerminalId issuer, Ed25519.SigningKey issuerKey) {
        device().present(tag);
        try {
            Card card = readers.terminalFactory().terminals().list().getFirst().connect("*");
            WristbandSession session = WristbandSession.open(card.getBasicChannel(), keys.wristbands(), keys.writers());
            if (!(session.initialise() instanceof InitialiseOutcome.Initialised)) {
                throw new IllegalStateException("simulated wristband did not initialise");
            }
            session.read();
            ChipContent content = new ChipContent(
                    keys.wristbands().festival(),
                    wallet,
                    balance,
                    RecordId.random(),
                    Set.of(),
                    OfflineAllowance.none(0, balance.currency()));
            if (!(session.write(content, issuer, issuerKey) instanceof WriteOutcome.Written)) {
                throw new IllegalStateException("simulated wristband first write failed");
            }
            card.disconnect(false);
        } catch (CardException e) {
            throw new IllegalStateException("simulated reader failed", e);
        }
        return tag;
    }

    @Override
    public boolean present() {
        return delegate.present();
    }

    @Override
    public <T> Optional<T> withWristband(Duration wait, Function<Wristband, T> work) {
        return delegate.withWristband(wait, work);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
