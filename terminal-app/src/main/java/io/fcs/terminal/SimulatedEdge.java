package io.fcs.terminal;

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
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.sync.InMemoryBroker;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the zone's edge in the headless simulation (never in production): acknowledges
 * every record batch up to its last sequence and authorises payments against wallet balances it
 * learns from the first tap of each wallet, speaking the protocol's messages on the in-memory broker.
 */
final class SimulatedEdge {

    private final MessageCodec codec = MessageCodec.standard();
    private final InMemoryBroker broker;
    private final FestivalId festival;
    private final ZoneId zone;
    private final Map<String, Long> balances = new ConcurrentHashMap<>();
    final AtomicLong records = new AtomicLong();
    final AtomicLong authorisations = new AtomicLong();

    SimulatedEdge(InMemoryBroker broker, FestivalId festival, ZoneId zone) {
        this.broker = broker;
        this.festival = festival;
        this.zone = zone;
        String prefix = "fcs/v1/" + festival + "/" + zone + "/t/+/";
        broker.subscribeAsEdge(prefix + TopicKind.TERMINAL_RECORDS.suffix(), this::onMessage);
        broker.subscribeAsEdge(prefix + TopicKind.AUTH_REQUEST.suffix(), this::onMessage);
    }

    /** The wallet balance the edge knows (issuance tells it). */
    void credit(String uid, long minor) {
        balances.merge(uid, minor, Long::sum);
    }

    private synchronized void onMessage(String topic, byte[] payload) {
        if (!(codec.decode(payload) instanceof DecodeResult.Decoded<Message> decoded)) {
            return;
        }
        switch (decoded.message()) {
            case RecordBatch batch -> {
                records.addAndGet(batch.records().size());
                broker.publish(
                        MqttTopic.terminal(TopicKind.TERMINAL_ACK, festival, zone, batch.terminalId())
                                .toString(),
                        codec.encode(WatermarkAck.upTo(batch.terminalId(), batch.lastSequence())));
            }
            case AuthorisationRequest request -> {
                authorisations.incrementAndGet();
                String uid = request.wristbandUid().hex();
                long balance = balances.getOrDefault(uid, 0L);
                Money amount = request.amount();
                AuthorisationAnswer answer;
                if (balance >= amount.minor()) {
                    balances.put(uid, balance - amount.minor());
                    answer = new AuthorisationAnswer(
                            request.correlationId(),
                            AuthorisationOutcome.APPROVED,
                            request.walletId(),
                            Optional.of(Money.of(balance - amount.minor(), amount.currency())),
                            Optional.empty(),
                            Optional.empty());
                } else {
                    answer = AuthorisationAnswer.refused(
                            request.correlationId(), AuthorisationOutcome.INSUFFICIENT_FUNDS);
                }
                broker.publish(
                        MqttTopic.terminal(TopicKind.AUTH_ANSWER, festival, zone, request.terminalId())
                                .toString(),
                        codec.encode(answer));
            }
            default -> {}
        }
    }
}
