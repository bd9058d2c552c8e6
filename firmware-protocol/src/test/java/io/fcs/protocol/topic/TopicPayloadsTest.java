package io.fcs.protocol.topic;

import static io.fcs.protocol.topic.MqttTopicTest.EDGE;
import static io.fcs.protocol.topic.MqttTopicTest.FESTIVAL;
import static io.fcs.protocol.topic.MqttTopicTest.TERMINAL;
import static io.fcs.protocol.topic.MqttTopicTest.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.message.CheckIn;
import io.fcs.protocol.message.DecodeRefusal;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Direction;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicPayloadsTest {

    private static final TerminalId OTHER = TerminalId.parse("71000000-0000-4000-8000-000000000005");
    private final MessageCodec codec = MessageCodec.standard();
    private final MqttTopic records = MqttTopic.terminal(TopicKind.TERMINAL_RECORDS, FESTIVAL, ZONE, TERMINAL);

    private static RecordBatch batchOf(TerminalId terminal) {
        return RecordBatch.of(terminal, 1, List.of(new byte[] {1}), 0);
    }

    private static DecodeRefusal reason(DecodeResult<Message> result) {
        assertThat(result).isInstanceOf(DecodeResult.Refused.class);
        return ((DecodeResult.Refused<Message>) result).reason();
    }

    @Test
    void aTerminalsOwnBatchOnItsOwnTopicIsAccepted() {
        RecordBatch batch = batchOf(TERMINAL);
        assertThat(TopicPayloads.decode(codec, records, codec.encode(batch)))
                .isEqualTo(new DecodeResult.Decoded<>(batch));
    }

    @Test
    void aBatchNamingAnotherTerminalIsRefusedOnThisTerminalsTopic() {
        assertThat(reason(TopicPayloads.decode(codec, records, codec.encode(batchOf(OTHER)))))
                .isEqualTo(DecodeRefusal.FIELD_OUT_OF_RANGE);
    }

    @Test
    void aMessageOfAnotherTypeThanTheTopicCarriesIsRefused() {
        byte[] ack = codec.encode(WatermarkAck.upTo(TERMINAL, 3));
        assertThat(reason(TopicPayloads.decode(codec, records, ack))).isEqualTo(DecodeRefusal.UNEXPECTED_TYPE);
    }

    @Test
    void aCheckInMustNameTheGateAndZoneOfItsTopic() {
        MqttTopic topic = MqttTopic.terminal(TopicKind.TERMINAL_CHECKINS, FESTIVAL, ZONE, TERMINAL);
        CheckIn good = checkIn(TERMINAL, ZONE);
        assertThat(TopicPayloads.mismatch(topic, good)).isEmpty();
        assertThat(TopicPayloads.mismatch(topic, checkIn(OTHER, ZONE))).isPresent();
        assertThat(TopicPayloads.mismatch(
                        topic, checkIn(TERMINAL, ZoneId.parse("21000000-0000-4000-8000-000000000006"))))
                .isPresent();
    }

    @Test
    void presenceMustNameTheDeviceOfItsTopic() {
        MqttTopic terminalPresence = MqttTopic.terminal(TopicKind.TERMINAL_PRESENCE, FESTIVAL, ZONE, TERMINAL);
        MqttTopic uplinkPresence = MqttTopic.edge(TopicKind.UPLINK_PRESENCE, FESTIVAL, EDGE);
        Presence terminal = presence(new Presence.Terminal(TERMINAL));
        Presence edge = presence(new Presence.Edge(EDGE));
        assertThat(TopicPayloads.mismatch(terminalPresence, terminal)).isEmpty();
        assertThat(TopicPayloads.mismatch(terminalPresence, edge)).isPresent();
        assertThat(TopicPayloads.mismatch(terminalPresence, presence(new Presence.Terminal(OTHER))))
                .isPresent();
        assertThat(TopicPayloads.mismatch(uplinkPresence, edge)).isEmpty();
        assertThat(TopicPayloads.mismatch(uplinkPresence, terminal)).isPresent();
        assertThat(TopicPayloads.mismatch(MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, FESTIVAL, ZONE), terminal))
                .isPresent();
    }

    @Test
    void garbageOnATopicIsRefusedNotThrown() {
        assertThat(reason(TopicPayloads.decode(codec, records, new byte[] {1, 2, 3})))
                .isEqualTo(DecodeRefusal.BAD_MAGIC);
    }

    private static CheckIn checkIn(TerminalId terminal, ZoneId zone) {
        return new CheckIn(
                RecordId.parse("5ec0bd00-0000-4000-8000-000000000006"),
                terminal,
                zone,
                "Gate A",
                Optional.empty(),
                Optional.of(OpaqueBytes.fromHex("01020304")),
                Direction.IN,
                Instant.EPOCH);
    }

    private static Presence presence(Presence.Device device) {
        return new Presence(device, Presence.State.BIRTH, false, "1.0", Instant.EPOCH, 0, 0, 0, Map.of());
    }
}
