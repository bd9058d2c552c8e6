package io.fcs.edge.zone;

import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.store.Database;
import io.fcs.protocol.message.AdmissionAnswer;
import io.fcs.protocol.message.AdmissionRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.ReentryRefusal;
import io.fcs.protocol.ticket.AdmissionRefusal;
import io.fcs.protocol.value.TerminalId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone's answer to a gate that scanned a ticket QR (decision 0250): the gate has checked the
 * signature, festival, day and zone itself; the edge adds what only the zone knows — revocations,
 * blocked wristbands and every admission at every gate of the zone (anti-passback, re-entry rule
 * per zone, decision 0151). An admission is registered durably before it is answered, and the
 * answer is kept under its correlation id: a request delivered twice gets the same answer and
 * makes one admission, after a restart too.
 */
public final class TicketAdmissions {

    private static final Logger log = LoggerFactory.getLogger(TicketAdmissions.class);
    private static final int LOCK_STRIPES = 64;

    private final Database db;
    private final CheckinRegistry checkins;
    private final DenyList deny;
    private final WalletReplica wallets;
    private final TerminalKeys keys;
    private final EdgeMetrics metrics;
    private final MessageCodec codec;
    private final Clock clock;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final Map<String, String> gateNames = new ConcurrentHashMap<>();

    public TicketAdmissions(
            Database db,
            CheckinRegistry checkins,
            DenyList deny,
            WalletReplica wallets,
            TerminalKeys keys,
            EdgeMetrics metrics,
            MessageCodec codec,
            Clock clock) {
        this.db = db;
        this.checkins = checkins;
        this.deny = deny;
        this.wallets = wallets;
        this.keys = keys;
        this.metrics = metrics;
        this.codec = codec;
        this.clock = clock;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
        db.migrate(
                "CREATE TABLE IF NOT EXISTS admission_answer (correlation TEXT PRIMARY KEY, terminal TEXT NOT NULL, "
                        + "answer BLOB NOT NULL, answered_at INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS gate_name (terminal TEXT PRIMARY KEY, name TEXT NOT NULL)");
        db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT terminal, name FROM gate_name")) {
                while (rs.next()) {
                    gateNames.put(rs.getString(1), rs.getString(2));
                }
            }
            return null;
        });
    }

    /**
     * Decodes a request published on a gate's {@code admission/req} topic and answers it; empty
     * when it deserves no answer (undecodable, another gate's id, unknown or revoked gate): the
     * gate then decides alone, flagged.
     */
    public Optional<byte[]> handle(TerminalId fromTopic, byte[] payload) {
        long start = System.nanoTime();
        DecodeResult<AdmissionRequest> decoded = codec.decode(payload, AdmissionRequest.class);
        if (decoded instanceof DecodeResult.Refused<AdmissionRequest> refused) {
            metrics.refused("admission_request", refused.reason().name().toLowerCase(Locale.ROOT));
            log.warn(
                    "event=admission_refused reason={} terminal={} detail=\"{}\"",
                    refused.reason(),
                    fromTopic,
                    refused.detail());
            return Optional.empty();
        }
        Optional<AdmissionAnswer> answer =
                decide(fromTopic, ((DecodeResult.Decoded<AdmissionRequest>) decoded).message());
        answer.ifPresent(a -> metrics.authorised(
                "admission_"
                        + a.refusal()
                                .map(r -> r.name().toLowerCase(Locale.ROOT))
                                .orElse("admitted"),
                Duration.ofNanos(System.nanoTime() - start)));
        return answer.map(codec::encode);
    }

    /** The zone's answer; the same for the same correlation id, however often it is asked. */
    public Optional<AdmissionAnswer> decide(TerminalId fromTopic, AdmissionRequest request) {
        if (!request.terminalId().equals(fromTopic)) {
            metrics.refused("admission_request", "terminal_mismatch");
            return Optional.empty();
        }
        Optional<TerminalKeys.Terminal> terminal = keys.find(fromTopic);
        if (terminal.isEmpty() || terminal.get().revokedAt().isPresent()) {
            metrics.refused("admission_request", terminal.isEmpty() ? "unknown_terminal" : "terminal_revoked");
            return Optional.empty();
        }
        UUID correlation = request.correlationId();
        synchronized (locks[Math.floorMod(correlation.hashCode(), LOCK_STRIPES)]) {
            Optional<AdmissionAnswer> earlier = answered(correlation);
            if (earlier.isPresent()) {
                return earlier;
            }
            gateNamed(fromTopic, request.gateName());
            AdmissionAnswer answer = fresh(fromTopic, request);
            byte[] bytes = codec.encode(answer);
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT OR IGNORE INTO admission_answer (correlation, terminal, answer, answered_at) "
                                + "VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, correlation.toString());
                    ps.setString(2, fromTopic.toString());
                    ps.setBytes(3, bytes);
                    ps.setLong(4, answer.edgeTime().toEpochMilli());
                    ps.executeUpdate();
                }
                return null;
            });
            return Optional.of(answer);
        }
    }

    private AdmissionAnswer fresh(TerminalId gate, AdmissionRequest request) {
        UUID correlation = request.correlationId();
        String ticket = request.ticketId().toString();
        Instant now = clock.instant();
        if (deny.ticketDenied(ticket).isPresent()) {
            log.info("event=admission_refused_revoked ticket={} gate={}", ticket, gate);
            return AdmissionAnswer.refused(correlation, AdmissionRefusal.REVOKED, now);
        }
        if (request.wristbandUid().isPresent()
                && wallets.isDenied(request.wristbandUid().get().hex())) {
            return AdmissionAnswer.refused(correlation, AdmissionRefusal.BLOCKED, now);
        }
        String credential = CheckinRegistry.ticket(ticket);
        CheckinRegistry.Decision decision = checkins.admit(credential, gate.toString(), request.time());
        return switch (decision) {
            case CheckinRegistry.Admit admit ->
                AdmissionAnswer.admitted(
                        correlation,
                        admit.previous().isPresent(),
                        admit.previous().map(this::previous),
                        now);
            case CheckinRegistry.AlreadyUsed used -> {
                if (used.previous().gate().equals(gate.toString())
                        && used.previous().at().equals(request.time())) {
                    // registered just before a crash that lost the answer: the same scan again
                    yield AdmissionAnswer.admitted(correlation, false, Optional.empty(), now);
                }
                log.info(
                        "event=admission_refused_already_used reason={} ticket={} gate={} previous_gate={} previous_at={}",
                        used.reason(),
                        ticket,
                        gate,
                        used.previous().gate(),
                        used.previous().at());
                yield AdmissionAnswer.alreadyUsed(correlation, previous(used.previous()), reentry(used.reason()), now);
            }
        };
    }

    private AdmissionAnswer.PreviousAdmission previous(CheckinRegistry.Admission admission) {
        TerminalId gate;
        try {
            gate = TerminalId.parse(admission.gate());
        } catch (IllegalArgumentException notAnId) {
            gate = TerminalId.of(new UUID(0, 0));
        }
        String name = gateNames.getOrDefault(admission.gate().toLowerCase(Locale.ROOT), "");
        return new AdmissionAnswer.PreviousAdmission(gate, name, admission.at());
    }

    private static ReentryRefusal reentry(CheckinRegistry.Refusal refusal) {
        return switch (refusal) {
            case ONE_ENTRY_ONLY -> ReentryRefusal.ONE_ENTRY_ONLY;
            case COOL_DOWN -> ReentryRefusal.COOL_DOWN;
            case NO_EXIT_SCAN -> ReentryRefusal.NO_EXIT_SCAN;
        };
    }

    private Optional<AdmissionAnswer> answered(UUID correlation) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT answer FROM admission_answer WHERE correlation = ?")) {
                ps.setString(1, correlation.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<AdmissionAnswer>empty();
                    }
                    return codec.decode(rs.getBytes(1), AdmissionAnswer.class)
                                    instanceof DecodeResult.Decoded<AdmissionAnswer> ok
                            ? Optional.of(ok.message())
                            : Optional.<AdmissionAnswer>empty();
                }
            }
        });
    }

    /** A gate's name, as its requests and check-in broadcasts give it: shown at the other gates. */
    public void gateNamed(TerminalId gate, String name) {
        String key = gate.toString();
        if (name == null || name.isEmpty() || name.equals(gateNames.get(key))) {
            return;
        }
        gateNames.put(key, name);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gate_name (terminal, name) VALUES (?, ?) "
                    + "ON CONFLICT(terminal) DO UPDATE SET name = excluded.name")) {
                ps.setString(1, key);
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<String> gateName(TerminalId gate) {
        return Optional.ofNullable(gateNames.get(gate.toString()));
    }
}
