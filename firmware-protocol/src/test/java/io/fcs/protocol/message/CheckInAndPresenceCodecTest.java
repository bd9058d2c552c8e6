package io.fcs.protocol.message;

import static io.fcs.protocol.message.Refusals.patch;
import static io.fcs.protocol.message.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.testing.MessageVectors;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckInAndPresenceCodecTest {

    private final byte[] checkIn = MessageVectors.bytes("check-in");
    private final byte[] presence = MessageVectors.bytes("presence");

    @Test
    void aCheckInNamesATicketOrAWristband() {
        assertThat(refusalOf(patch(checkIn, 53, "00"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(checkIn, 53, "04"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        CheckIn fixture = Fixtures.checkIn();
        assertThatThrownBy(() -> new CheckIn(
                        fixture.recordId(),
                        fixture.terminalId(),
                        fixture.zoneId(),
                        "Gate A",
                        Optional.empty(),
                        Optional.empty(),
                        Direction.IN,
                        fixture.time()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUndefinedDirectionIsRefused() {
        assertThat(refusalOf(patch(checkIn, 52, "00"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(checkIn, 52, "03"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
    }

    @Test
    void aBrokenGateNameOrUidIsRefused() {
        assertThat(refusalOf(patch(checkIn, 88, "ff"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        assertThat(refusalOf(patch(checkIn, 86, "0065"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(checkIn, 78, "0b"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void anUndefinedRoleStateOrListKindIsRefused() {
        assertThat(refusalOf(patch(presence, 4, "03"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(presence, 21, "00"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(presence, 64, "09"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
    }

    @Test
    void onlyADeathCanBeALastWill() {
        assertThat(refusalOf(patch(presence, 22, "01"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(presence, 22, "02"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        byte[] will = patch(patch(presence, 21, "03"), 22, "01");
        Presence decoded = (Presence) MessageCodec.standard().decode(will).orElseThrow();
        assertThat(decoded.state()).isEqualTo(Presence.State.DEATH);
        assertThat(decoded.lastWill()).isTrue();
    }

    @Test
    void negativeCountersAreRefused() {
        assertThat(refusalOf(patch(presence, 31, "ffffffff"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(presence, 35, "80000000"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void listVersionsAreAscendingUniqueAndPositive() {
        assertThat(refusalOf(patch(presence, 54, "06"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(presence, 64, "01"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(patch(presence, 55, "03"), 64, "01"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(presence, 56, "0000000000000000"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThatThrownBy(() -> new Presence(
                        new Presence.Terminal(Fixtures.TERMINAL),
                        Presence.State.BIRTH,
                        false,
                        "1.0",
                        Fixtures.TIME,
                        0,
                        0,
                        0,
                        Map.of(ListKind.PRICE_LIST, 0L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyOrBrokenAppVersionIsRefused() {
        assertThat(refusalOf(patch(presence, 47, "0000"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(presence, 49, "e2"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
    }

    @Test
    void everyEnumCodeRoundTrips() {
        for (Direction d : Direction.values()) {
            assertThat(Direction.fromCode(d.code())).contains(d);
        }
        for (Presence.State s : Presence.State.values()) {
            assertThat(Presence.State.fromCode(s.code())).contains(s);
        }
        for (ListKind k : ListKind.values()) {
            assertThat(ListKind.fromCode(k.code())).contains(k);
        }
        for (ListMode m : ListMode.values()) {
            assertThat(ListMode.fromCode(m.code())).contains(m);
        }
        for (ListAction a : ListAction.values()) {
            assertThat(ListAction.fromCode(a.code())).contains(a);
        }
        for (DenyList.Reason r : DenyList.Reason.values()) {
            assertThat(DenyList.Reason.fromCode(r.code())).contains(r);
        }
        for (TicketRevocations.Reason r : TicketRevocations.Reason.values()) {
            assertThat(TicketRevocations.Reason.fromCode(r.code())).contains(r);
        }
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.fromCode(t.code())).contains(t);
        }
    }
}
