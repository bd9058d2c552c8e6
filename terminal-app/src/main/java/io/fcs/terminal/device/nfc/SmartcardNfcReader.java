package io.fcs.terminal.device.nfc;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.TagIdentity;
import io.fcs.protocol.reader.WristbandSession;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.TerminalId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * An NFC reader through {@code javax.smartcardio}: the real PC/SC stack ({@link #pcsc}) or any
 * other provider (the protocol's simulated readers). PC/SC quirks handled here: the factory is
 * created lazily and again after any failure (the JDK keeps a dead context after pcscd restarts
 * and answers {@code SCARD_E_NO_SERVICE} until it is re-established; a JVM that started before
 * pcscd would stay on type "None").
 */
public class SmartcardNfcReader implements NfcReader {

    /** What a session needs to judge and write wristbands. */
    public record Keys(WristbandKeys wristbands, WriterKeys writers, TerminalId terminal, Ed25519.SigningKey key) {}

    private final Supplier<TerminalFactory> factories;
    private final String readerName;
    private final Keys keys;
    private TerminalFactory factory;

    public SmartcardNfcReader(Supplier<TerminalFactory> factories, String readerName, Keys keys) {
        this.factories = factories;
        this.readerName = readerName == null ? "" : readerName;
        this.keys = keys;
    }

    /** The system's PC/SC readers (pcsclite on Linux), the first whose name contains {@code readerName}. */
    public static SmartcardNfcReader pcsc(String readerName, Keys keys) {
        return new SmartcardNfcReader(
                () -> {
                    try {
                        return TerminalFactory.getInstance("PC/SC", null);
                    } catch (java.security.NoSuchAlgorithmException e) {
                        throw new ReaderUnavailableException("no PC/SC provider in this JVM", e);
                    }
                },
                readerName,
                keys);
    }

    private synchronized Optional<CardTerminal> terminal() {
        try {
            if (factory == null) {
                factory = factories.get();
            }
            List<CardTerminal> all = factory.terminals().list();
            return all.stream().filter(t -> t.getName().contains(readerName)).findFirst();
        } catch (CardException | RuntimeException e) {
            factory = null; // re-establish the context next time (pcscd restarted, reader replugged)
            return Optional.empty();
        }
    }

    private synchronized void reset() {
        factory = null;
    }

    @Override
    public boolean present() {
        return terminal().isPresent();
    }

    @Override
    public <T> Optional<T> withWristband(Duration wait, Function<Wristband, T> work) {
        CardTerminal terminal =
                terminal().orElseThrow(() -> new ReaderUnavailableException("no NFC reader " + readerName, null));
        Card card;
        try {
            if (!terminal.waitForCardPresent(Math.max(1, wait.toMillis()))) {
                return Optional.empty();
            }
            card = terminal.connect("*");
        } catch (CardNotPresentException gone) {
            return Optional.empty();
        } catch (CardException e) {
            reset();
            throw new ReaderUnavailableException("NFC reader failed: " + e.getMessage(), e);
        }
        try {
            WristbandSession session = WristbandSession.open(card.getBasicChannel(), keys.wristbands(), keys.writers());
            TagIdentity identity = session.identify();
            String uid =
                    switch (identity) {
                        case TagIdentity.Identified identified ->
                            identified.uid().hex();
                        case TagIdentity.Unsupported unsupported ->
                            unsupported.uid().hex();
                        case TagIdentity.UnknownType unknown ->
                            unknown.uid().map(u -> u.hex()).orElse("");
                        case TagIdentity.NoAnswer none -> "";
                    };
            if (uid.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(work.apply(new SessionWristband(session, uid, keys.terminal(), keys.key())));
        } finally {
            try {
                card.disconnect(false);
            } catch (CardException | IllegalStateException ignored) {
                // the card already left
            }
        }
    }

    @Override
    public void close() {
        reset();
    }
}
