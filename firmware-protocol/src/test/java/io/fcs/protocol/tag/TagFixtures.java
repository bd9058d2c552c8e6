package io.fcs.protocol.tag;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Ed25519.SigningKey;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Fixed keys and ids shared by the wristband tests (and the golden vectors). */
public final class TagFixtures {

    public static final FestivalId FESTIVAL = FestivalId.parse("0f35a1c0-5e1d-4c3a-9a61-2d7b0c9e4f11");
    public static final WalletId WALLET = WalletId.parse("6b1f2c3d-4e5f-4071-8293-a4b5c6d7e8f9");
    public static final TerminalId BAR_1 = TerminalId.parse("11111111-2222-4333-8444-555555555555");
    public static final TerminalId BAR_2 = TerminalId.parse("22222222-3333-4444-8555-666666666666");
    public static final TerminalId ROGUE = TerminalId.parse("99999999-9999-4999-8999-999999999999");
    public static final RecordId RECORD_1 = RecordId.parse("a0000000-0000-4000-8000-000000000001");
    public static final RecordId RECORD_2 = RecordId.parse("a0000000-0000-4000-8000-000000000002");
    public static final TagUid UID = TagUid.fromHex("04a1b2c3d4e5f6");
    public static final byte[] MASTER_KEY = Bytes.fromHex("000102030405060708090a0b0c0d0e0f");

    public static final SigningKey BAR_1_KEY = Ed25519.SigningKey.fromSeed(seed(0x11));
    public static final SigningKey BAR_2_KEY = Ed25519.SigningKey.fromSeed(seed(0x22));
    public static final SigningKey ROGUE_KEY = Ed25519.SigningKey.fromSeed(seed(0x99));

    public static final WriterKeys WRITERS =
            WriterKeys.of(Map.of(BAR_1, BAR_1_KEY.verificationKey(), BAR_2, BAR_2_KEY.verificationKey()));
    public static final WristbandKeys KEYS = WristbandKeys.of(MASTER_KEY, FESTIVAL);

    private TagFixtures() {}

    public static byte[] seed(int fill) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) fill);
        return seed;
    }

    public static ChipContent content(long balanceCents, RecordId record) {
        return new ChipContent(
                FESTIVAL,
                WALLET,
                Money.eur(balanceCents),
                record,
                Set.of(),
                new OfflineAllowance(3, Money.eur(2000), Money.eur(0)));
    }

    public static ChipState state(long generation, long counter, long balanceCents) {
        return new ChipState(generation, counter, BAR_1, content(balanceCents, RECORD_1));
    }

    /** A state with every field set to something other than zero, for vectors. */
    public static ChipState fullState() {
        ChipContent content = new ChipContent(
                FESTIVAL,
                WALLET,
                Money.of(123_456, Currency.EUR),
                RECORD_2,
                EnumSet.of(ChipFlag.OFFLINE_USED, ChipFlag.TICKET_BOUND),
                new OfflineAllowance(0x01020304L, Money.eur(1500), Money.eur(500)));
        return new ChipState(0x0A0B0C0DL, 0x123456, BAR_1, content);
    }

    public static UUID uuid(String text) {
        return UUID.fromString(text);
    }
}
