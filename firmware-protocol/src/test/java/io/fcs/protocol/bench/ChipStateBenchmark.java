package io.fcs.protocol.bench;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedReader;
import io.fcs.protocol.reader.SimulatedReaders;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.reader.WristbandSession;
import io.fcs.protocol.reader.WriteOutcome;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.ChipStateCodec;
import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.OfflineAllowance;
import io.fcs.protocol.tag.SlotVerdict;
import io.fcs.protocol.tag.TagAssessment;
import io.fcs.protocol.tag.TagImage;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WristbandLayout;
import io.fcs.protocol.tag.WristbandProfile;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.CardTerminal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The wristband share of a POS tap, on one core: verify the chip state read from the wristband,
 * sign the new one; and a whole simulated tap (read both slots and the counter, judge, write the
 * other slot, increment) through the simulated PC/SC reader. Raw Ed25519 verify and sign are
 * measured in the same run as the physical limits (DESIGN §8).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChipStateBenchmark {

    private TagUid uid;
    private Ed25519.SigningKey key;
    private TerminalId writer;
    private WriterKeys writers;
    private byte[] slot;
    private byte[] message;
    private byte[] signature;
    private TagImage image;
    private ChipState next;
    private SimulatedReaders readers;
    private CardTerminal terminal;
    private WristbandKeys wristbandKeys;
    private ChipContent content;
    private long tapNumber;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        uid = TagUid.fromHex("04a1b2c3d4e5f6");
        key = Ed25519.generate(new SecureRandom());
        writer = TerminalId.random();
        writers = WriterKeys.of(Map.of(writer, key.verificationKey()));
        content = new ChipContent(
                FestivalId.random(),
                WalletId.random(),
                Money.eur(10_000),
                RecordId.random(),
                Set.of(),
                new OfflineAllowance(1, Money.eur(2000), Money.eur(0)));
        ChipState older = new ChipState(41, 41, writer, content);
        ChipState newest = new ChipState(42, 42, writer, content.withBalance(Money.eur(9_500), RecordId.random()));
        slot = ChipStateCodec.encodeSigned(newest, uid, key);
        message = ChipStateCodec.signedMessage(uid, slot, 0);
        signature = key.sign(message);
        image = new TagImage(
                ChipType.AES_CLASS,
                uid,
                WristbandLayout.header(WristbandProfile.AES_CLASS),
                ChipStateCodec.encodeSigned(older, uid, key),
                slot,
                42);
        next = new ChipState(43, 43, writer, content.withBalance(Money.eur(9_000), RecordId.random()));

        wristbandKeys = WristbandKeys.of(new byte[16], content.festival());
        readers = SimulatedReaders.of("bench");
        SimulatedReader reader = readers.reader("bench");
        SimulatedTag tag = SimulatedTag.aesClass(uid);
        reader.present(tag);
        terminal = readers.terminalFactory().terminals().list().get(0);
        WristbandSession session = WristbandSession.open(
                terminal.connect("*").getBasicChannel(), wristbandKeys, writers, new SecureRandom());
        session.initialise();
        if (!(session.write(content, writer, key) instanceof WriteOutcome.Written)) {
            throw new IllegalStateException("benchmark wristband could not be written");
        }
    }

    /** Physical limit: one raw Ed25519 verification of the same message length. */
    @Benchmark
    public boolean rawEd25519Verify() {
        return key.verificationKey().verify(message, signature);
    }

    /** Physical limit: one raw Ed25519 signature of the same message length. */
    @Benchmark
    public byte[] rawEd25519Sign() {
        return key.sign(message);
    }

    /** Decode one slot and verify its signature against the writer directory. */
    @Benchmark
    public SlotVerdict verifyChipState() {
        return ChipStateCodec.verify(slot, uid, writers);
    }

    /** Encode and sign the next state for this wristband. */
    @Benchmark
    public byte[] signNewChipState() {
        return ChipStateCodec.encodeSigned(next, uid, key);
    }

    /** What a POS does with the chip per tap, crypto only: verify the newest state, sign the next. */
    @Benchmark
    public byte[] verifyThenSignNewState() {
        if (!(ChipStateCodec.verify(slot, uid, writers) instanceof SlotVerdict.Verified)) {
            throw new IllegalStateException("benchmark slot does not verify");
        }
        return ChipStateCodec.encodeSigned(next, uid, key);
    }

    /** Judge a full image: both slots verified, newest picked, counter checked. */
    @Benchmark
    public TagReading assessBothSlots() {
        return TagAssessment.assess(image, writers);
    }

    /** A whole tap on the simulated reader: connect, authenticate, read, judge, write, increment. */
    @Benchmark
    public Object simulatedTap() throws Exception {
        WristbandSession session = WristbandSession.open(
                terminal.connect("*").getBasicChannel(), wristbandKeys, writers, new SecureRandom());
        TagReading reading = session.read();
        if (!(reading instanceof TagReading.Valid valid)) {
            throw new IllegalStateException("benchmark wristband reads " + reading);
        }
        tapNumber++;
        return session.write(
                valid.state().content().withBalance(Money.eur(10_000 - tapNumber % 100), RecordId.random()),
                writer,
                key);
    }
}
