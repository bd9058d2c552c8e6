package io.fcs.protocol.message;

import static io.fcs.protocol.message.Refusals.patch;
import static io.fcs.protocol.message.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.testing.MessageVectors;
import io.fcs.protocol.ticket.AdmissionRefusal;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.topic.TopicPayloads;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdmissionCodecTest {

    private final byte[] request = MessageVectors.bytes("admission-request");
    private final byte[] answer = MessageVectors.bytes("admission-answer");

    @Test
    void anAlreadyUsedAnswerSaysWhereAndWhenAndWhichRule() {
        AdmissionAnswer decoded =
                (AdmissionAnswer) MessageCodec.standard().decode(answer).orElseThrow();
        assertThat(decoded.refusal()).contains(AdmissionRefusal.ALREADY_USED);
        assertThat(decoded.previous().orElseThrow().gateName()).isEqualTo("Gate A");
        assertThat(decoded.previous().orElseThrow().at()).isEqualTo(Fixtures.EARLIER);
        assertThat(decoded.reentryRefusal()).contains(ReentryRefusal.ONE_ENTRY_ONLY);
    }

    @Test
    void alreadyUsedWithoutThePreviousAdmissionIsRefused() {
        // flags 0x04: re-entry refusal but no previous admission; the body then ends early
        byte[] noPrevious = java.util.Arrays.copyOf(patch(answer, 21, "04"), 31);
        assertThat(refusalOf(noPrevious)).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThatThrownBy(() -> new AdmissionAnswer(
                        Fixtures.CORRELATION,
                        Optional.of(AdmissionRefusal.ALREADY_USED),
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        Fixtures.TIME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReentryOrAReentryRefusalOnlyGoesWithItsOutcome() {
        assertThat(refusalOf(patch(answer, 21, "07"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(answer, 20, "08"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(answer, 30, "04"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
    }

    @Test
    void anUndefinedOutcomeOrFlagIsRefused() {
        assertThat(refusalOf(patch(answer, 20, "0b"))).isEqualTo(DecodeRefusal.UNKNOWN_CODE);
        assertThat(refusalOf(patch(answer, 21, "0d"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
        assertThat(refusalOf(patch(request, 52, "02"))).isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aBrokenUidOrGateNameIsRefused() {
        assertThat(refusalOf(patch(request, 61, "03"))).isEqualTo(DecodeRefusal.LENGTH_OUT_OF_RANGE);
        assertThat(refusalOf(patch(request, 71, "ff"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
        assertThat(refusalOf(patch(answer, 57, "c3"))).isEqualTo(DecodeRefusal.INVALID_TEXT);
    }

    @Test
    void anAdmittedAnswerRoundTrips() {
        AdmissionAnswer admitted = AdmissionAnswer.admitted(
                Fixtures.CORRELATION,
                true,
                Optional.of(new AdmissionAnswer.PreviousAdmission(Fixtures.GATE_A, "Gate A", Fixtures.EARLIER)),
                Fixtures.TIME);
        byte[] bytes = MessageCodec.standard().encode(admitted);
        assertThat(MessageCodec.standard().decode(bytes).orElseThrow()).isEqualTo(admitted);
        assertThat(bytes[20]).isZero();
    }

    @Test
    void aGateCannotAskInTheNameOfAnotherGate() {
        FestivalId festival = FestivalId.parse("f0000000-0000-4000-8000-000000000001");
        MqttTopic own = MqttTopic.terminal(TopicKind.ADMISSION_REQUEST, festival, Fixtures.ZONE, Fixtures.TERMINAL);
        MqttTopic other = MqttTopic.terminal(
                TopicKind.ADMISSION_REQUEST,
                festival,
                Fixtures.ZONE,
                TerminalId.parse("11111111-0000-4000-8000-000000000001"));
        assertThat(TopicPayloads.decode(MessageCodec.standard(), own, request))
                .isInstanceOf(DecodeResult.Decoded.class);
        assertThat(TopicPayloads.decode(MessageCodec.standard(), other, request))
                .isInstanceOf(DecodeResult.Refused.class);
        assertThat(own.toString()).endsWith("/admission/req");
    }
}
