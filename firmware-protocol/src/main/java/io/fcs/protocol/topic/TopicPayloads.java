package io.fcs.protocol.topic;

import io.fcs.protocol.message.AdmissionRequest;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.CheckIn;
import io.fcs.protocol.message.DecodeRefusal;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import java.util.Optional;

/**
 * Reads a payload received on a topic: it must be the topic's message type, and the ids inside
 * must agree with the ids in the topic (a terminal publishing on its own records topic cannot slip
 * in a batch, a check-in or a presence naming another terminal; an edge's uplink presence names
 * that edge). The broker ACL checks the topic; this checks the payload against it.
 */
public final class TopicPayloads {

    private TopicPayloads() {}

    /** Decodes and checks; a mismatch is refused with {@link DecodeRefusal#FIELD_OUT_OF_RANGE}. Never throws. */
    public static DecodeResult<Message> decode(MessageCodec codec, MqttTopic topic, byte[] payload) {
        DecodeResult<Message> result = codec.decode(payload, topic.kind().messageType());
        if (result instanceof DecodeResult.Decoded<Message> decoded) {
            Optional<String> mismatch = mismatch(topic, decoded.message());
            if (mismatch.isPresent()) {
                return new DecodeResult.Refused<>(DecodeRefusal.FIELD_OUT_OF_RANGE, mismatch.get());
            }
        }
        return result;
    }

    /** Why the message's ids disagree with the topic's, if they do. */
    public static Optional<String> mismatch(MqttTopic topic, Message message) {
        if (message.type() != topic.kind().messageType()) {
            return Optional.of(message.type() + " on a " + topic.kind() + " topic");
        }
        return switch (topic.kind().scope()) {
            case TERMINAL -> {
                Object terminal = topic.terminal().orElseThrow();
                Object named =
                        switch (message) {
                            case RecordBatch batch -> batch.terminalId();
                            case WatermarkAck ack -> ack.terminalId();
                            case AuthorisationRequest request -> request.terminalId();
                            case AdmissionRequest request -> request.terminalId();
                            case CheckIn checkIn -> checkIn.terminalId();
                            case Presence presence ->
                                presence.device() instanceof Presence.Terminal t ? t.terminalId() : presence.device();
                            default -> terminal;
                        };
                if (message instanceof CheckIn checkIn
                        && !checkIn.zoneId().equals(topic.zone().orElseThrow())) {
                    yield Optional.of("check-in names zone " + checkIn.zoneId() + " on topic " + topic);
                }
                yield named.equals(terminal)
                        ? Optional.empty()
                        : Optional.of(message.type() + " names " + named + " on topic " + topic);
            }
            case ZONE -> {
                if (message instanceof CheckIn checkIn
                        && !checkIn.zoneId().equals(topic.zone().orElseThrow())) {
                    yield Optional.of("check-in names zone " + checkIn.zoneId() + " on topic " + topic);
                }
                if (message instanceof Presence presence && !(presence.device() instanceof Presence.Edge)) {
                    yield Optional.of("zone edge presence from " + presence.device());
                }
                yield Optional.empty();
            }
            case EDGE -> {
                if (message instanceof Presence presence
                        && !(presence.device() instanceof Presence.Edge e
                                && e.edgeId().equals(topic.edge().orElseThrow()))) {
                    yield Optional.of("uplink presence names " + presence.device() + " on topic " + topic);
                }
                yield Optional.empty();
            }
            case FESTIVAL -> Optional.empty();
        };
    }
}
