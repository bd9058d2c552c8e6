package io.fcs.system.harness;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The festival's wristbands: the AES master key every terminal diversifies, the writer keys of
 * every terminal (so that a wristband written at one bar reads as genuine at another: the
 * downlink does not carry them yet, see docs/architecture.md "Writer keys"), and an encoding
 * station that initialises blank simulated AES-class wristbands as provisioning would.
 */
public final class Wristbands {

    private final FestivalId festival;
    private final byte[] masterKey = new byte[16];
    private final Map<TerminalId, Ed25519.VerificationKey> writers = new ConcurrentHashMap<>();
    private final TerminalId station = TerminalId.random();
    private final Ed25519.SigningKey stationKey = Ed25519.generate();
    private final SimulatedNfcReader encoder;
    private final AtomicLong serial = new AtomicLong(new SecureRandom().nextInt(1 << 20));

    public Wristbands(FestivalId festival) {
        this.festival = festival;
        new SecureRandom().nextBytes(masterKey);
        writers.put(station, stationKey.verificationKey());
        encoder = new SimulatedNfcReader(new SmartcardNfcReader.Keys(keys(), writerKeys(), station, stationKey));
    }

    public WristbandKeys keys() {
        return WristbandKeys.of(masterKey, festival);
    }

    public WriterKeys writerKeys() {
        return writer -> Optional.ofNullable(writers.get(writer));
    }

    /** Every terminal's key is trusted for wristband writes. */
    public void trust(TerminalId terminal, Ed25519.VerificationKey key) {
        writers.put(terminal, key);
    }

    /** The UID the next wristband off the roll will have (e.g. to link it online first). */
    public TagUid nextUid() {
        return TagUid.fromHex("04%012x".formatted(serial.incrementAndGet()));
    }

    /** A new wristband for {@code wallet}, empty (its money lives in central's wallet, if any). */
    public SimulatedTag issue(WalletId wallet) {
        return issue(nextUid(), wallet);
    }

    /** Encodes the wristband with this UID for {@code wallet}, empty. */
    public synchronized SimulatedTag issue(TagUid uid, WalletId wallet) {
        SimulatedTag tag = encoder.issue(uid, wallet, Money.eur(0), station, stationKey);
        encoder.device().remove();
        return tag;
    }

    /** The hex UID as central names it (lower case). */
    public static String uid(SimulatedTag tag) {
        return tag.uid().hex().toLowerCase(java.util.Locale.ROOT);
    }
}
