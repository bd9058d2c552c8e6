package io.fcs.protocol.message;

import static io.fcs.protocol.message.Refusals.patch;
import static io.fcs.protocol.message.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.testing.MessageVectors;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Configuration, price list, deny list, ticket revocations and pending credits: the versioned lists. */
class ListMessagesCodecTest {

    private final byte[] configuration = MessageVectors.bytes("configuration");
    private final byte[] priceList = MessageVectors.bytes("price-list");
    private final byte[] denyList = MessageVectors.bytes("deny-list");
    private final byte[] revocations = MessageVectors.bytes("ticket-revocations");
    private final byte[] credits = MessageVectors.bytes("pending-credits");

    private static String ascii(String text) {
        return Bytes.hex(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aListVersionBelowOneIsRefused() {
        String zero = "0000000000000000";
        assertThat(refusalOf(patch(configuration, 4, zero))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(priceList, 4, zero))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(denyList, 4, zero))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(revocations, 4, zero))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(credits, 4, "ffffffffffffffff"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void anUnknownOrNonCanonicalTimeZoneIsRefused() {
        assertThat(refusalOf(patch(configuration, 14, ascii("Europe/Brusselz"))))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 14, ascii("europe/brussels"))))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 12, "0000"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void aDayCutOverOutsideTheDayOrAZeroPeriodIsRefused() {
        assertThat(refusalOf(patch(configuration, 29, "05a0"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 42, "00000000"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 42, "80000000"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 31, "ffffffffffffffff"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void settingKeysMustBeLowerCaseAsciiAndAscending() {
        assertThat(refusalOf(patch(configuration, 49, ascii("Z")))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        assertThat(refusalOf(patch(configuration, 74, ascii("zone.aaaaaaa"))))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 74, ascii("zone.anti-pa"))))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 48, "00"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(configuration, 46, "ffff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void malformedUtf8IsRefused() {
        // value "true" at 69: a lone lead byte, an overlong '/', an encoded surrogate, a stray continuation byte
        assertThat(refusalOf(patch(configuration, 69, "c3"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        assertThat(refusalOf(patch(configuration, 69, "c0af"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        assertThat(refusalOf(patch(configuration, 69, "eda080"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        assertThat(refusalOf(patch(configuration, 69, "80"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        assertThat(refusalOf(patch(configuration, 69, "f4908080"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        // product name "Crêpe" at 82: break the two-byte ê
        assertThat(refusalOf(patch(priceList, 84, "aa"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
    }

    @Test
    void aNegativePriceOrAnEmptyNameIsRefused() {
        assertThat(refusalOf(patch(priceList, 55, "ffffffffffffffff"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(priceList, 23, "0000"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(priceList, 33, "ffff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(priceList, 12, "ffff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void aProductCodeAppearsOnceInAPointOfSale() {
        PriceList.Product beer = new PriceList.Product("beer", "Beer", Money.eur(300), "drinks");
        assertThatThrownBy(() -> new PriceList.PointOfSale("bar", "Bar", List.of(beer, beer)))
                .isInstanceOf(IllegalArgumentException.class);
        // the same, arriving over the wire: rename the crêpe to "beer-25"
        byte[] twice = patch(patch(priceList, 74, "07"), 75, ascii("beer-25"));
        byte[] rest = java.util.Arrays.copyOfRange(priceList, 80, priceList.length);
        byte[] head = java.util.Arrays.copyOf(twice, 82);
        byte[] joined = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, joined, head.length, rest.length);
        assertThat(refusalOf(joined)).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aDeltaAppliesOnlyOnTopOfAnOlderVersionAndAFullListOnlyAdds() {
        assertThat(refusalOf(patch(denyList, 13, "0000000000000008"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(denyList, 13, "0000000000000000"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(denyList, 12, "01"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(revocations, 12, "02"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThatThrownBy(() -> DenyList.full(
                        3,
                        List.of(new DenyList.Entry(
                                new DenyList.Wallet(Fixtures.WALLET), ListAction.REMOVE, DenyList.Reason.OTHER))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void undefinedListCodesAreRefused() {
        assertThat(refusalOf(patch(denyList, 12, "03"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(denyList, 25, "09"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(denyList, 26, "00"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(denyList, 27, "ff"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(revocations, 41, "03"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(revocations, 42, "00"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
    }

    @Test
    void negativeOrOversizedEntryCountsAreRefusedBeforeAllocating() {
        for (String count : List.of("ffffffff", "80000000", "7fffffff", "000f4241", "00000007")) {
            assertThat(refusalOf(patch(denyList, 21, count))).as(count).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
            assertThat(refusalOf(patch(revocations, 21, count))).as(count).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
            assertThat(refusalOf(patch(credits, 12, count))).as(count).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        }
    }

    @Test
    void aWristbandUidOutsideFourToTenBytesIsRefusedInADenyList() {
        assertThat(refusalOf(patch(denyList, 28, "03"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(denyList, 28, "0b"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void aPendingCreditIsPositiveAndItsIdUnique() {
        assertThat(refusalOf(patch(credits, 48, "0000000000000000"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(credits, 48, "fffffffffffffff0"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        PendingCredits.Credit credit = new PendingCredits.Credit(UUID.randomUUID(), Fixtures.WALLET, Money.eur(5));
        assertThatThrownBy(() -> new PendingCredits(1, List.of(credit, credit)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configurationRefusesWhatItCouldNotCarry() {
        FestivalTime brussels = FestivalTime.of("Europe/Brussels");
        assertThatThrownBy(() -> Configuration.of(1, brussels, Money.eur(1), Duration.ofMillis(1500), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Configuration.of(
                        1,
                        new FestivalTime(brussels.zone(), LocalTime.of(6, 0, 30)),
                        Money.eur(1),
                        Duration.ofHours(1),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> Configuration.of(1, brussels, Money.eur(1), Duration.ofHours(1), Map.of("Bad Key", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> Configuration.of(1, brussels, Money.eur(1), Duration.ofHours(1), Map.of("k", "\uD800")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfigurationCarriesTheFestivalClock() {
        Configuration config = Fixtures.configuration();
        assertThat(config.festivalTime().festivalDay(java.time.Instant.parse("2026-07-18T03:00:00Z")))
                .isEqualTo(java.time.LocalDate.of(2026, 7, 17));
        assertThat(config.settings()).containsEntry("zone.anti-passback", "true");
    }
}
