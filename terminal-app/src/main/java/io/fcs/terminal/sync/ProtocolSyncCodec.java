package io.fcs.terminal.sync;

import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.Configuration;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Direction;
import io.fcs.protocol.message.ListAction;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.TicketRevocations;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.TapOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sync client's bytes and topics from the protocol ({@code io.fcs.protocol.topic},
 * {@code io.fcs.protocol.message}); nothing here invents a format.
 */
public final class ProtocolSyncCodec implements SyncCodec {

    private static final HexFormat HEX = HexFormat.of();

    private final MessageCodec codec = MessageCodec.standard();
    private final FestivalId festival;
    private final ZoneId zone;
    private final TerminalId terminal;
    private final String pointOfSale;
    private final String appVersion;
    private final Clock clock;

    public ProtocolSyncCodec(
            FestivalId festival, ZoneId zone, TerminalId terminal, String pointOfSale, String appVersion, Clock clock) {
        this.festival = festival;
        this.zone = zone;
        this.terminal = terminal;
        this.pointOfSale = pointOfSale;
        this.appVersion = appVersion;
        this.clock = clock;
    }

    private String own(TopicKind kind) {
        return MqttTopic.terminal(kind, festival, zone, terminal).toString();
    }

    private String zone(TopicKind kind) {
        return MqttTopic.zone(kind, festival, zone).toString();
    }

    @Override
    public String recordsTopic() {
        return own(TopicKind.TERMINAL_RECORDS);
    }

    @Override
    public String authorisationRequestTopic() {
        return own(TopicKind.AUTH_REQUEST);
    }

    @Override
    public String checkInTopic() {
        return own(TopicKind.TERMINAL_CHECKINS);
    }

    @Override
    public String presenceTopic() {
        return own(TopicKind.TERMINAL_PRESENCE);
    }

    @Override
    public String acksFilter() {
        return own(TopicKind.TERMINAL_ACK);
    }

    @Override
    public String authorisationAnswerFilter() {
        return own(TopicKind.AUTH_ANSWER);
    }

    @Override
    public String checkInFilter() {
        return zone(TopicKind.ZONE_CHECKINS);
    }

    @Override
    public List<String> downlinkFilters() {
        return List.of(
                zone(TopicKind.ZONE_CONFIG),
                zone(TopicKind.ZONE_PRICES),
                zone(TopicKind.ZONE_DENY),
                zone(TopicKind.ZONE_REVOCATIONS),
                zone(TopicKind.ZONE_CREDITS));
    }

    @Override
    public byte[] encodeBatch(List<OutboxEntry> records) {
        List<byte[]> bytes = records.stream().map(OutboxEntry::bytes).toList();
        return codec.encode(RecordBatch.of(terminal, records.getFirst().sequence(), bytes, records.size()));
    }

    @Override
    public Optional<Long> decodeAck(byte[] payload) {
        return decoded(payload, WatermarkAck.class)
                .filter(ack -> ack.terminalId().equals(terminal))
                .map(WatermarkAck::watermark)
                .filter(watermark -> watermark >= 0);
    }

    @Override
    public byte[] encodeAuthorisation(
            String recordId, String uid, String walletId, Money amount, Money chipBalance, long chipCounter) {
        Optional<WalletId> wallet =
                walletId == null || walletId.isEmpty() ? Optional.empty() : Optional.of(WalletId.parse(walletId));
        return codec.encode(new AuthorisationRequest(
                UUID.fromString(recordId),
                terminal,
                AuthorisationKind.SALE,
                OpaqueBytes.of(HEX.parseHex(uid)),
                wallet,
                OpaqueBytes.of(new byte[0]),
                amount,
                clock.instant()));
    }

    @Override
    public Optional<AuthorisationAnswer> decodeAuthorisation(byte[] payload) {
        return decoded(payload, io.fcs.protocol.message.AuthorisationAnswer.class)
                .map(answer ->
                        new SyncCodec.AuthorisationAnswer(answer.correlationId().toString(), answer(answer)));
    }

    private static Authoriser.Answer answer(io.fcs.protocol.message.AuthorisationAnswer answer) {
        AuthorisationOutcome outcome = answer.outcome();
        if (outcome.approved() && answer.balanceAfter().isPresent()) {
            return new Authoriser.Granted(answer.balanceAfter().get());
        }
        return switch (outcome) {
            case INSUFFICIENT_FUNDS -> new Authoriser.Declined(TapOutcome.Reason.INSUFFICIENT_FUNDS);
            case BLOCKED, CHIP_STATE_CONFLICT -> new Authoriser.Declined(TapOutcome.Reason.BLOCKED);
            case LIMIT_EXCEEDED -> new Authoriser.Declined(TapOutcome.Reason.OFFLINE_LIMIT);
            // the edge cannot decide (unknown wallet on this edge, busy): the terminal decides offline
            default -> new Authoriser.Unreachable("edge answered " + outcome);
        };
    }

    @Override
    public String admissionRequestTopic() {
        return own(TopicKind.ADMISSION_REQUEST);
    }

    @Override
    public String admissionAnswerFilter() {
        return own(TopicKind.ADMISSION_ANSWER);
    }

    @Override
    public byte[] encodeAdmission(
            String correlationId, String ticketId, Optional<String> uid, String gateName, java.time.Instant at) {
        return codec.encode(new io.fcs.protocol.message.AdmissionRequest(
                UUID.fromString(correlationId),
                terminal,
                TicketId.parse(ticketId),
                uid.filter(u -> !u.isEmpty()).map(u -> OpaqueBytes.of(HEX.parseHex(u))),
                gateName,
                at));
    }

    @Override
    public Optional<AdmissionReply> decodeAdmission(byte[] payload) {
        return decoded(payload, io.fcs.protocol.message.AdmissionAnswer.class)
                .map(answer -> new AdmissionReply(answer.correlationId().toString(), admission(answer)));
    }

    private static io.fcs.terminal.gate.ZoneAdmission.Answer admission(io.fcs.protocol.message.AdmissionAnswer answer) {
        if (answer.admitted()) {
            return new io.fcs.terminal.gate.ZoneAdmission.Admitted(answer.reentry());
        }
        io.fcs.terminal.gate.GateOutcome.Reason reason =
                switch (answer.refusal().orElseThrow()) {
                    case FORGED -> io.fcs.terminal.gate.GateOutcome.Reason.FORGED;
                    case UNKNOWN_KEY, WRONG_FESTIVAL -> io.fcs.terminal.gate.GateOutcome.Reason.UNKNOWN_KEY;
                    case MALFORMED, UNSUPPORTED_VERSION -> io.fcs.terminal.gate.GateOutcome.Reason.MALFORMED;
                    case WRONG_DAY -> io.fcs.terminal.gate.GateOutcome.Reason.WRONG_DAY;
                    case WRONG_ZONE -> io.fcs.terminal.gate.GateOutcome.Reason.WRONG_ZONE;
                    case REVOKED -> io.fcs.terminal.gate.GateOutcome.Reason.REVOKED;
                    case ALREADY_USED -> io.fcs.terminal.gate.GateOutcome.Reason.ALREADY_USED;
                    case BLOCKED -> io.fcs.terminal.gate.GateOutcome.Reason.BLOCKED;
                };
        return new io.fcs.terminal.gate.ZoneAdmission.Refused(
                reason,
                answer.previous()
                        .map(previous -> previous.gateName().isEmpty()
                                ? "gate " + previous.gate().toString().substring(0, 8)
                                : previous.gateName()),
                answer.previous().map(io.fcs.protocol.message.AdmissionAnswer.PreviousAdmission::at));
    }

    @Override
    public byte[] encodeCheckIn(CheckIn checkIn) {
        return codec.encode(new io.fcs.protocol.message.CheckIn(
                RecordId.random(),
                terminal,
                zone,
                checkIn.place(),
                Optional.of(TicketId.parse(checkIn.ticketId())),
                Optional.ofNullable(checkIn.uid()).map(uid -> OpaqueBytes.of(HEX.parseHex(uid))),
                checkIn.direction() == CheckIn.Direction.IN ? Direction.IN : Direction.OUT,
                checkIn.at()));
    }

    @Override
    public Optional<CheckIn> decodeCheckIn(byte[] payload) {
        return decoded(payload, io.fcs.protocol.message.CheckIn.class)
                .filter(c -> c.ticketId().isPresent())
                .map(c -> new CheckIn(
                        c.ticketId().get().toString(),
                        c.wristbandUid().map(OpaqueBytes::hex).orElse(null),
                        c.gateName(),
                        c.time(),
                        c.direction() == Direction.IN ? CheckIn.Direction.IN : CheckIn.Direction.OUT,
                        c.terminalId().toString()));
    }

    @Override
    public String edgePresenceFilter() {
        return zone(TopicKind.ZONE_EDGE_PRESENCE);
    }

    @Override
    public Optional<Boolean> decodeEdgeAlive(byte[] payload) {
        return decoded(payload, Presence.class)
                .filter(presence -> presence.device() instanceof Presence.Edge)
                .map(presence -> presence.state() != Presence.State.DEATH);
    }

    @Override
    public Optional<java.time.Instant> decodeEdgeTime(byte[] payload) {
        return decoded(payload, Presence.class)
                .filter(presence -> presence.device() instanceof Presence.Edge)
                .filter(presence -> presence.state() != Presence.State.DEATH)
                .map(Presence::lastSeen);
    }

    @Override
    public byte[] encodePresence(long queueDepth, long watermark, boolean readerPresent, long clockSkewMillis) {
        return codec.encode(new Presence(
                new Presence.Terminal(terminal),
                Presence.State.ALIVE,
                false,
                appVersion,
                clock.instant(),
                (int) Math.min(Integer.MAX_VALUE, queueDepth),
                readerPresent ? 0 : 1,
                clockSkewMillis,
                Map.of()));
    }

    @Override
    public Downlink decodeDownlink(String topic, byte[] payload) {
        DecodeResult<Message> result = codec.decode(payload);
        if (!(result instanceof DecodeResult.Decoded<Message> decoded)) {
            return new Ignored("undecodable downlink on " + topic + ": " + result);
        }
        return switch (decoded.message()) {
            case io.fcs.protocol.message.PriceList prices ->
                prices.pointsOfSale().stream()
                        .filter(pos -> pos.code().equals(pointOfSale))
                        .findFirst()
                        .or(() -> prices.pointsOfSale().stream().findFirst())
                        .<Downlink>map(pos -> new SyncCodec.PriceList(
                                prices.version(),
                                pos.products().stream()
                                        .map(p -> new Product(
                                                p.code(), p.name(), p.price().minor(), p.category()))
                                        .toList()))
                        .orElse(new Ignored("empty price list"));
            case io.fcs.protocol.message.DenyList deny -> {
                List<String> added = new ArrayList<>();
                List<String> lifted = new ArrayList<>();
                for (io.fcs.protocol.message.DenyList.Entry entry : deny.entries()) {
                    if (entry.subject() instanceof io.fcs.protocol.message.DenyList.Wristband wristband) {
                        (entry.action() == ListAction.ADD ? added : lifted)
                                .add(wristband.uid().hex());
                    }
                }
                yield new SyncCodec.DenyList(deny.version(), added, List.of(), lifted);
            }
            case TicketRevocations revocations ->
                new SyncCodec.DenyList(
                        revocations.version(),
                        List.of(),
                        revocations.entries().stream()
                                .filter(e -> e.action() == ListAction.ADD)
                                .map(e -> e.ticketId().toString())
                                .toList(),
                        List.of());
            case io.fcs.protocol.message.PendingCredits credits ->
                new SyncCodec.PendingCredits(
                        credits.version(),
                        credits.credits().stream()
                                .map(credit -> new SyncCodec.PendingCredit(
                                        credit.creditId().toString(),
                                        credit.walletId().toString(),
                                        credit.amount()))
                                .toList());
            case Configuration config ->
                new Config(
                        config.version(),
                        config.offlineAllowance().minor(),
                        config.offlineAllowancePeriod().getSeconds(),
                        config.settings());
            default -> new Ignored("not for terminals: " + decoded.message().type());
        };
    }

    private <M extends Message> Optional<M> decoded(byte[] payload, Class<M> type) {
        return codec.decode(payload, type) instanceof DecodeResult.Decoded<M> decoded
                ? Optional.of(decoded.message())
                : Optional.empty();
    }
}
