package io.fcs.protocol.tag;

import static io.fcs.protocol.tag.TagFixtures.BAR_1;
import static io.fcs.protocol.tag.TagFixtures.BAR_1_KEY;
import static io.fcs.protocol.tag.TagFixtures.BAR_2_KEY;
import static io.fcs.protocol.tag.TagFixtures.RECORD_1;
import static io.fcs.protocol.tag.TagFixtures.ROGUE;
import static io.fcs.protocol.tag.TagFixtures.ROGUE_KEY;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static io.fcs.protocol.tag.TagFixtures.WRITERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.tag.SlotVerdict.StateDefect;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChipStateCodecTest {

    private static final Map<String, String> VECTORS = Vectors.load("tag/chip-state-v1.txt");

    private static ChipState vectorState(String prefix) {
        Currency currency = Currency.of(VECTORS.get(prefix + ".currency"));
        String flagText = VECTORS.get(prefix + ".flags");
        Set<ChipFlag> flags = flagText.isEmpty()
                ? Set.of()
                : Arrays.stream(flagText.split(",")).map(ChipFlag::valueOf).collect(Collectors.toSet());
        ChipContent content = new ChipContent(
                FestivalId.parse(VECTORS.get(prefix + ".festival")),
                WalletId.parse(VECTORS.get(prefix + ".wallet")),
                Money.of(Long.parseLong(VECTORS.get(prefix + ".balance")), currency),
                RecordId.parse(VECTORS.get(prefix + ".lastRecord")),
                flags,
                new OfflineAllowance(
                        Long.parseLong(VECTORS.get(prefix + ".offlinePeriod")),
                        Money.of(Long.parseLong(VECTORS.get(prefix + ".offlineRemaining")), currency),
                        Money.of(Long.parseLong(VECTORS.get(prefix + ".offlineSpent")), currency)));
        return new ChipState(
                Long.parseLong(VECTORS.get(prefix + ".generation")),
                Long.parseLong(VECTORS.get(prefix + ".chipCounter")),
                TerminalId.parse(VECTORS.get(prefix + ".writer")),
                content);
    }

    private static Ed25519.SigningKey vectorSigner() {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(Bytes.fromHex(VECTORS.get("signer.seed")));
        assertThat(Bytes.hex(key.verificationKey().encoded())).isEqualTo(VECTORS.get("signer.public"));
        return key;
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "minimal"})
    void encodingMatchesTheGoldenVectorByteForByte(String vector) {
        byte[] slot =
                ChipStateCodec.encodeSigned(vectorState(vector), TagUid.fromHex(VECTORS.get("uid")), vectorSigner());
        assertThat(Bytes.hex(slot)).isEqualTo(VECTORS.get(vector + ".slot"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"full", "minimal"})
    void theGoldenVectorDecodesToItsFieldsAndVerifies(String vector) {
        Ed25519.SigningKey signer = vectorSigner();
        WriterKeys writers = WriterKeys.of(Map.of(BAR_1, signer.verificationKey()));
        SlotVerdict verdict = ChipStateCodec.verify(
                Bytes.fromHex(VECTORS.get(vector + ".slot")), TagUid.fromHex(VECTORS.get("uid")), writers);
        assertThat(verdict).isEqualTo(new SlotVerdict.Verified(vectorState(vector)));
    }

    @Test
    void theFixtureStateIsTheFullVector() {
        assertThat(TagFixtures.fullState()).isEqualTo(vectorState("full"));
    }

    @Test
    void theWristbandKeyMatchesItsGoldenVector() {
        Map<String, String> key = Vectors.load("tag/wristband-key.txt");
        WristbandKeys keys = WristbandKeys.of(Bytes.fromHex(key.get("master")), FestivalId.parse(key.get("festival")));
        assertThat(Bytes.hex(keys.keyFor(TagUid.fromHex(key.get("uid"))))).isEqualTo(key.get("key"));
    }

    @Test
    void aStateCopiedToAnotherWristbandFailsItsSignature() {
        byte[] slot = ChipStateCodec.encodeSigned(TagFixtures.fullState(), UID, BAR_1_KEY);
        assertThat(ChipStateCodec.verify(slot, TagUid.fromHex("04a1b2c3d4e5f7"), WRITERS))
                .isInstanceOf(SlotVerdict.BadSignature.class);
    }

    @Test
    void aStateSignedByAnotherKnownTerminalThanItNamesFailsItsSignature() {
        byte[] slot = ChipStateCodec.encodeSigned(TagFixtures.fullState(), UID, BAR_2_KEY);
        assertThat(ChipStateCodec.verify(slot, UID, WRITERS)).isInstanceOf(SlotVerdict.BadSignature.class);
    }

    @Test
    void aStateFromATerminalWeDoNotKnowIsReportedAsUnknownWriter() {
        ChipState state = new ChipState(1, 0, ROGUE, TagFixtures.content(99_999, RECORD_1));
        byte[] slot = ChipStateCodec.encodeSigned(state, UID, ROGUE_KEY);
        assertThat(ChipStateCodec.verify(slot, UID, WRITERS)).isEqualTo(new SlotVerdict.UnknownWriter(state));
    }

    @Test
    void aChangedBalanceWithTheOldSignatureIsRefused() {
        byte[] slot = ChipStateCodec.encodeSigned(TagFixtures.fullState(), UID, BAR_1_KEY);
        slot[ChipStateCodec.OFF_BALANCE + 7] ^= 0x01;
        assertThat(ChipStateCodec.verify(slot, UID, WRITERS)).isInstanceOf(SlotVerdict.BadSignature.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 163, 165, 328})
    void slotsOfTheWrongLengthAreMalformed(int length) {
        assertThat(ChipStateCodec.verify(new byte[length], UID, WRITERS))
                .isInstanceOfSatisfying(
                        SlotVerdict.Malformed.class, m -> assertThat(m.defect()).isEqualTo(StateDefect.WRONG_LENGTH));
        assertThat(ChipStateCodec.verify(null, UID, WRITERS)).isInstanceOf(SlotVerdict.Malformed.class);
    }

    @Test
    void anAllZeroSlotIsEmptyAndAZeroFirstPageIsAnInterruptedWrite() {
        assertThat(ChipStateCodec.verify(new byte[164], UID, WRITERS)).isInstanceOf(SlotVerdict.Empty.class);
        byte[] slot = ChipStateCodec.encodeSigned(TagFixtures.fullState(), UID, BAR_1_KEY);
        Arrays.fill(slot, 0, 4, (byte) 0);
        assertThat(ChipStateCodec.verify(slot, UID, WRITERS)).isInstanceOf(SlotVerdict.Incomplete.class);
    }

    @Test
    void eachMalformationHasItsOwnDefect() {
        assertThat(defectOf(slot -> slot[ChipStateCodec.OFF_VERSION] = 2)).isEqualTo(StateDefect.UNKNOWN_VERSION);
        assertThat(defectOf(slot -> slot[ChipStateCodec.OFF_FLAGS] = (byte) 0x80))
                .isEqualTo(StateDefect.UNKNOWN_FLAG);
        assertThat(defectOf(slot -> slot[ChipStateCodec.OFF_CURRENCY] = 'e')).isEqualTo(StateDefect.BAD_CURRENCY);
        assertThat(defectOf(slot -> slot[163] = 1)).isEqualTo(StateDefect.NONZERO_PADDING);
        assertThat(defectOf(slot ->
                        Arrays.fill(slot, ChipStateCodec.OFF_GENERATION, ChipStateCodec.OFF_GENERATION + 4, (byte) 0)))
                .isEqualTo(StateDefect.OUT_OF_RANGE);
    }

    private static StateDefect defectOf(java.util.function.Consumer<byte[]> damage) {
        byte[] slot = ChipStateCodec.encodeSigned(TagFixtures.fullState(), UID, BAR_1_KEY);
        damage.accept(slot);
        SlotVerdict verdict = ChipStateCodec.verify(slot, UID, WRITERS);
        assertThat(verdict).isInstanceOf(SlotVerdict.Malformed.class);
        return ((SlotVerdict.Malformed) verdict).defect();
    }

    @Test
    void statesOutsideTheChipFieldsCannotBeBuilt() {
        ChipContent content = TagFixtures.content(100, RECORD_1);
        assertThatThrownBy(() -> new ChipState(0, 0, BAR_1, content)).hasMessageContaining("generation");
        assertThatThrownBy(() -> new ChipState(1L << 32, 0, BAR_1, content)).hasMessageContaining("generation");
        assertThatThrownBy(() -> new ChipState(1, -1, BAR_1, content)).hasMessageContaining("chip counter");
        assertThatThrownBy(() -> new ChipState(1, 0x1000000, BAR_1, content)).hasMessageContaining("chip counter");
        assertThatThrownBy(() -> new OfflineAllowance(-1, Money.eur(0), Money.eur(0)))
                .hasMessageContaining("period");
        assertThatThrownBy(() -> new OfflineAllowance(1, Money.eur(1L << 32), Money.eur(0)))
                .hasMessageContaining("remaining");
        assertThatThrownBy(() -> new OfflineAllowance(1, Money.eur(0), Money.eur(-1)))
                .hasMessageContaining("spent");
        assertThatThrownBy(() -> new OfflineAllowance(1, Money.eur(0), Money.of(0, Currency.of("CHF"))))
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> content.withOffline(OfflineAllowance.none(1, Currency.of("CHF"))))
                .hasMessageContaining("offline allowance in CHF");
    }

    @Test
    void flagsRoundTripThroughTheirBits() {
        Set<ChipFlag> all = EnumSet.allOf(ChipFlag.class);
        assertThat(ChipFlag.fromBits(ChipFlag.toBits(all))).isEqualTo(all);
        assertThat(ChipFlag.toBits(all)).isEqualTo(ChipFlag.KNOWN_BITS);
        assertThatThrownBy(() -> ChipFlag.fromBits(0x0010)).hasMessageContaining("unknown chip flag");
    }

    @Test
    void unknownCodesOfEveryEnumAreRefused() {
        assertThatThrownBy(() -> ChipFlag.fromCode(0x0003)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WristbandProfile.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChipType.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateDefect.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WristbandLayout.Slot.fromCode(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagReading.TearKind.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagReading.ForkReason.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagReading.ForgeryReason.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TagReading.UnreadableReason.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        for (ChipFlag flag : ChipFlag.values()) {
            assertThat(ChipFlag.fromCode(flag.code())).isEqualTo(flag);
        }
        for (ChipType type : ChipType.values()) {
            assertThat(ChipType.fromCode(type.code())).isEqualTo(type);
            assertThat(ChipType.fromVersion(type.version())).contains(type);
        }
        for (TagReading.UnreadableReason reason : TagReading.UnreadableReason.values()) {
            assertThat(TagReading.UnreadableReason.fromCode(reason.code())).isEqualTo(reason);
        }
    }

    @Test
    void uidsOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> TagUid.fromHex("04a1b2")).hasMessageContaining("4, 7 or 10");
        assertThatThrownBy(() -> TagUid.of(null)).hasMessageContaining("missing");
        assertThat(TagUid.fromHex("04a1b2c3").length()).isEqualTo(4);
    }

    @Test
    void masterKeysOfTheWrongLengthAreRefused() {
        assertThatThrownBy(() -> WristbandKeys.of(new byte[15], TagFixtures.FESTIVAL))
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> WristbandKeys.of(null, TagFixtures.FESTIVAL)).hasMessageContaining("missing");
    }

    @Test
    void onlyNtag215AndUpHoldTheLayout() {
        assertThat(ChipType.NTAG213.holdsLayout()).isFalse();
        assertThat(ChipType.NTAG215.holdsLayout()).isTrue();
        assertThat(ChipType.NTAG216.holdsLayout()).isTrue();
        assertThat(ChipType.AES_CLASS.holdsLayout()).isTrue();
        assertThat(ChipType.fromVersion(new byte[7])).isEmpty();
        assertThat(ChipType.fromVersion(null)).isEmpty();
    }
}
