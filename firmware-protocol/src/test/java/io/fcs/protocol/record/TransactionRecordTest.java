package io.fcs.protocol.record;

import static io.fcs.protocol.record.RecordExamples.UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionRecordTest {

    private static TransactionRecord.Builder sale() {
        return RecordExamples.sale(1, RecordHash.GENESIS).toBuilder();
    }

    @ParameterizedTest
    @EnumSource(RecordKind.class)
    void everyKindHasAValidExample(RecordKind kind) {
        assertThat(RecordExamples.example(kind, 1, RecordHash.GENESIS).kind()).isEqualTo(kind);
    }

    @Test
    void sequencesStartAtOne() {
        assertThatThrownBy(() -> sale().chain(0, RecordHash.GENESIS).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
    }

    @Test
    void amountsAreNeverNegativeBecauseTheKindGivesTheDirection() {
        assertThatThrownBy(() -> RecordExamples.topUp(1, RecordHash.GENESIS).toBuilder()
                        .amount(Money.eur(-100))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never negative");
    }

    @Test
    void aSaleAmountIsTheSumOfItsLines() {
        assertThatThrownBy(() -> sale().amount(Money.eur(1351)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum of its lines");
    }

    @Test
    void aSaleNeedsLinesAWristbandAndNoPaymentMethod() {
        assertThatThrownBy(() -> sale().lines(java.util.List.of()).build()).hasMessageContaining("at least one line");
        assertThatThrownBy(() -> sale().wristband(null).build()).hasMessageContaining("a wristband");
        assertThatThrownBy(() -> sale().payment(PaymentMethod.CASH).build()).hasMessageContaining("no payment");
    }

    @Test
    void aLinePricedInAnotherCurrencyIsRefused() {
        assertThatThrownBy(() -> sale().lines(
                                java.util.List.of(SaleLine.of("BEER", 1, Money.of(1350, Currency.of("CHF")))))
                        .build())
                .hasMessageContaining("priced in CHF");
    }

    @Test
    void aTopUpNeedsAPaymentMethod() {
        assertThatThrownBy(() -> RecordExamples.topUp(1, RecordHash.GENESIS).toBuilder()
                        .payment(null)
                        .build())
                .hasMessageContaining("payment method");
    }

    @Test
    void aVoidAndAReplaceNameTheRecordTheyReferTo() {
        assertThatThrownBy(() -> RecordExamples.example(RecordKind.VOID, 3, RecordHash.GENESIS).toBuilder()
                        .references(null)
                        .build())
                .hasMessageContaining("referenced record");
        assertThatThrownBy(() -> RecordExamples.example(RecordKind.REPLACE, 3, RecordHash.GENESIS).toBuilder()
                        .references(null)
                        .build())
                .hasMessageContaining("referenced binding");
    }

    @Test
    void aRecordCannotReferenceItself() {
        TransactionRecord voidRecord = RecordExamples.example(RecordKind.VOID, 3, RecordHash.GENESIS);
        assertThatThrownBy(
                        () -> voidRecord.toBuilder().references(voidRecord.id()).build())
                .hasMessageContaining("itself");
    }

    @Test
    void bindCheckInAndReplaceMoveNoMoney() {
        for (RecordKind kind : new RecordKind[] {RecordKind.BIND, RecordKind.CHECK_IN, RecordKind.REPLACE}) {
            assertThatThrownBy(() -> RecordExamples.example(kind, 3, RecordHash.GENESIS).toBuilder()
                            .amount(Money.eur(1))
                            .build())
                    .as(kind.name())
                    .hasMessageContaining("zero amount");
        }
    }

    @Test
    void drawerEventsCarryNoWristband() {
        assertThatThrownBy(() -> RecordExamples.shiftOpen(1, RecordHash.GENESIS).toBuilder()
                        .wristband(UID)
                        .build())
                .hasMessageContaining("no wristband");
        assertThatThrownBy(() -> RecordExamples.example(RecordKind.CASH_DROP, 1, RecordHash.GENESIS).toBuilder()
                        .amount(Money.eur(0))
                        .build())
                .hasMessageContaining("positive amount");
    }

    @Test
    void timeIsKeptToTheMillisecond() {
        TransactionRecord record =
                sale().time(Instant.parse("2026-07-17T21:04:05.123456789Z")).build();
        assertThat(record.time()).isEqualTo(Instant.parse("2026-07-17T21:04:05.123Z"));
    }

    @Test
    void aMissingRequiredPartIsANullPointerNamingIt() {
        assertThatThrownBy(() -> sale().festival(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("festival");
    }

    @Test
    void wristbandUidsAreFourToTenBytes() {
        assertThat(WristbandUid.of(new byte[4]).length()).isEqualTo(4);
        assertThat(WristbandUid.of(new byte[10]).length()).isEqualTo(10);
        assertThatThrownBy(() -> WristbandUid.of(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WristbandUid.of(new byte[11])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WristbandUid.parse("zz")).isInstanceOf(IllegalArgumentException.class);
        assertThat(UID).hasToString("04782E21801D80");
    }

    @Test
    void chipCountersNeverGoBackwardsAndFitThirtyTwoBits() {
        assertThatThrownBy(() -> ChipCounters.of(5, 4)).hasMessageContaining("backwards");
        assertThatThrownBy(() -> ChipCounters.of(0, ChipCounters.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChipCounters.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enumCodesRoundTripAndUnknownCodesAreRefused() {
        for (RecordKind kind : RecordKind.values()) {
            assertThat(RecordKind.fromCode(kind.code())).isEqualTo(kind);
        }
        for (PaymentMethod method : PaymentMethod.values()) {
            assertThat(PaymentMethod.fromCode(method.code())).isEqualTo(method);
        }
        for (Authority authority : Authority.values()) {
            assertThat(Authority.fromCode(authority.code())).isEqualTo(authority);
        }
        for (RecordRefusal refusal : RecordRefusal.values()) {
            assertThat(RecordRefusal.fromCode(refusal.code())).isEqualTo(refusal);
        }
        for (DecodeError error : DecodeError.values()) {
            assertThat(DecodeError.fromCode(error.code())).isEqualTo(error);
        }
        assertThatThrownBy(() -> RecordKind.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentMethod.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Authority.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordRefusal.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodeError.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staffIdsParseOnlyCanonicalUuids() {
        assertThat(OperatorId.parse("0b000000-0000-4000-8000-000000000001")).isEqualTo(RecordExamples.OPERATOR);
        assertThatThrownBy(() -> OperatorId.parse("0b000000-0000-4000-8000-00000000001"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShiftId.parse("not-a-uuid-at-all-not-a-uuid-at-all!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShiftId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
