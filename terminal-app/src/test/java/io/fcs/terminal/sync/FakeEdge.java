package io.fcs.terminal.sync;

import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The edge's side of the terminal topics for tests, speaking the protocol's messages: acks every
 * batch up to its last sequence (when {@code acking}), answers authorisations from a balance.
 */
public final class FakeEdge {

    final MessageCodec codec = MessageCodec.standard();
    public final List<RecordBatch> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<AuthorisationRequest> requests = new ArrayList<>();
    volatile boolean acking = true;
    volatile long balance = 2000;
    private final BiConsumer<String, byte[]> publish;
    private final FestivalId festival;
    private final ZoneId zone;

    public FakeEdge(FestivalId festival, ZoneId zone, BiConsumer<String, byte[]> publish) {
        this.festival = festival;
        this.zone = zone;
        this.publish = publish;
    }

    public String filter(String suffix) {
        return "fcs/v1/" + festival + "/" + zone + "/t/+/" + suffix;
    }

    public synchronized void onMessage(String topic, byte[] payload) {
        DecodeResult<Message> result = codec.decode(payload);
        if (!(result instanceof DecodeResult.Decoded<Message> decoded)) {
            return;
        }
        switch (decoded.message()) {
            case RecordBatch batch -> {
                batches.add(batch);
                if (acking) {
                    publish.accept(
                            MqttTopic.terminal(TopicKind.TERMINAL_ACK, festival, zone, batch.terminalId())
                                    .toString(),
                            codec.encode(WatermarkAck.upTo(batch.terminalId(), batch.lastSequence())));
                }
            }
            case AuthorisationRequest request -> {
                requests.add(request);
                Money amount = request.amount();
                AuthorisationAnswer answer = balance >= amount.minor()
                        ? new AuthorisationAnswer(
                                request.correlationId(),
                                AuthorisationOutcome.APPROVED,
                                request.walletId(),
                                Optional.of(Money.of(balance - amount.minor(), amount.currency())),
                                Optional.empty(),
                                Optional.empty())
                        : AuthorisationAnswer.refused(request.correlationId(), AuthorisationOutcome.INSUFFICIENT_FUNDS);
                if (answer.outcome().approved()) {
                    balance -= amount.minor();
                }
                publish.accept(
                        MqttTopic.terminal(TopicKind.AUTH_ANSWER, festival, zone, request.terminalId())
                                .toString(),
                        codec.encode(answer));
            }
            case io.fcs.protocol.message.AdmissionRequest request -> {
                if (!answeringAdmissions) {
                    return;
                }
                io.fcs.protocol.message.AdmissionRequest first = admitted.putIfAbsent(request.ticketId(), request);
                io.fcs.protocol.message.AdmissionAnswer answer =
                        first == null || first.correlationId().equals(request.correlationId())
                                ? io.fcs.protocol.message.AdmissionAnswer.admitted(
                                        request.correlationId(), false, Optional.empty(), java.time.Instant.now())
                                : io.fcs.protocol.message.AdmissionAnswer.alreadyUsed(
                                        request.correlationId(),
                                        new io.fcs.protocol.message.AdmissionAnswer.PreviousAdmission(
                                                first.terminalId(), first.gateName(), first.time()),
                                        io.fcs.protocol.message.ReentryRefusal.ONE_ENTRY_ONLY,
                                        java.time.Instant.now());
                publish.accept(
                        MqttTopic.terminal(TopicKind.ADMISSION_ANSWER, festival, zone, request.terminalId())
                                .toString(),
                        codec.encode(answer));
            }
            default -> {}
        }
    }

    /** Tickets admitted by this zone: the first request for each. */
    final java.util.Map<io.fcs.protocol.value.TicketId, io.fcs.protocol.message.AdmissionRequest> admitted =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** False: admission requests go unanswered (an edge too slow or gone). */
    volatile boolean answeringAdmissions = true;

    static TerminalId terminalOf(String topic) {
        return TerminalId.parse(topic.split("/")[5]);
    }
}
