package io.fcs.protocol.message;

import static io.fcs.protocol.message.Refusals.patch;
import static io.fcs.protocol.message.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.testing.MessageVectors;
import io.fcs.protocol.value.Money;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorisationCodecTest {

    // request offsets (see AuthorisationRequestCodec's byte map)
    private static final int REQUEST_KIND = 36;
    private static final int REQUEST_FLAGS = 37;
    private static final int REQUEST_AMOUNT = 46;
    private static final int REQUEST_CURRENCY = 54;
    private static final int REQUEST_UID_LENGTH = 57;
    private static final int REQUEST_CHIP_STATE_LENGTH = 81;
    // answer offsets (see AuthorisationAnswerCodec's byte map)
    private static final int ANSWER_OUTCOME = 20;
    private static final int ANSWER_FLAGS = 21;
    private static final int ANSWER_PENDING_AMOUNT = 49;
    private static final int ANSWER_CREDIT_COUNT = 60;
    private static final int ANSWER_ALLOWANCE = 77;

    private final byte[] request = MessageVectors.bytes("authorisation-request");
    private final byte[] answer = MessageVectors.bytes("authorisation-answer");

    @Test
    void anUndefinedKindOrOutcomeIsRefused() {
        assertThat(refusalOf(patch(request, REQUEST_KIND, "00"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(request, REQUEST_KIND, "7f"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(answer, ANSWER_OUTCOME, "00"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(answer, ANSWER_OUTCOME, "ff"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
    }

    @Test
    void undefinedFlagBitsAreRefused() {
        assertThat(refusalOf(patch(request, REQUEST_FLAGS, "03"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(answer, ANSWER_FLAGS, "1f"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aNegativeAmountIsRefused() {
        assertThat(refusalOf(patch(request, REQUEST_AMOUNT, "ffffffffffffff00")))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThatThrownBy(() -> new AuthorisationRequest(
                        Fixtures.CORRELATION,
                        Fixtures.TERMINAL,
                        AuthorisationKind.SALE,
                        OpaqueBytes.fromHex("01020304"),
                        Optional.empty(),
                        OpaqueBytes.of(new byte[0]),
                        Money.eur(-1),
                        Fixtures.TIME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCurrencyThatIsNotThreeCapitalLettersIsRefused() {
        assertThat(refusalOf(patch(request, REQUEST_CURRENCY, "657572"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(request, REQUEST_CURRENCY, "00ffee"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aWristbandUidOutsideFourToTenBytesIsRefused() {
        assertThat(refusalOf(patch(request, REQUEST_UID_LENGTH, "03"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(request, REQUEST_UID_LENGTH, "0b"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(request, REQUEST_UID_LENGTH, "ff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void aChipStateLongerThanTheLimitOrThePayloadIsRefused() {
        assertThat(refusalOf(patch(request, REQUEST_CHIP_STATE_LENGTH, "ffff")))
                .isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(request, REQUEST_CHIP_STATE_LENGTH, "0003")))
                .isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void aPendingCreditMustBePositiveAndNameItsCredits() {
        assertThat(refusalOf(patch(answer, ANSWER_PENDING_AMOUNT, "0000000000000000")))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(answer, ANSWER_CREDIT_COUNT, "00"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(answer, ANSWER_CREDIT_COUNT, "ff"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
    }

    @Test
    void aNegativeOfflineAllowanceIsRefused() {
        assertThat(refusalOf(patch(answer, ANSWER_ALLOWANCE, "8000000000000000")))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aRefusalAnswerCarriesNothingButTheOutcome() {
        AuthorisationAnswer refused =
                AuthorisationAnswer.refused(Fixtures.CORRELATION, AuthorisationOutcome.UNKNOWN_WRISTBAND);
        byte[] bytes = MessageCodec.standard().encode(refused);
        assertThat(bytes).hasSize(MessageCodec.HEADER_BYTES + 16 + 1 + 1);
        assertThat(MessageCodec.standard()
                        .decode(bytes, AuthorisationAnswer.class)
                        .orElseThrow())
                .isEqualTo(refused);
        assertThatThrownBy(() -> AuthorisationAnswer.refused(Fixtures.CORRELATION, AuthorisationOutcome.APPROVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeIsCarriedToTheMillisecond() {
        AuthorisationRequest fixture = Fixtures.authorisationRequest();
        AuthorisationRequest withNanos = new AuthorisationRequest(
                fixture.correlationId(),
                fixture.terminalId(),
                fixture.kind(),
                fixture.wristbandUid(),
                fixture.walletId(),
                fixture.chipState(),
                fixture.amount(),
                Fixtures.TIME.plusNanos(123_456));
        assertThat(withNanos).isEqualTo(fixture);
    }

    @Test
    void everyCodeOfKindAndOutcomeRoundTrips() {
        for (AuthorisationKind kind : AuthorisationKind.values()) {
            assertThat(AuthorisationKind.fromCode(kind.code())).contains(kind);
        }
        for (AuthorisationOutcome outcome : AuthorisationOutcome.values()) {
            assertThat(AuthorisationOutcome.fromCode(outcome.code())).contains(outcome);
        }
    }
}
