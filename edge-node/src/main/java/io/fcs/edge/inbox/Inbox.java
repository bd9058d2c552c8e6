package io.fcs.edge.inbox;

import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.SequenceRange;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.ChainStep;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.RecordVerifier;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TerminalChain;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in a terminal's record batches: decode, verify (enrolled and not revoked, signature,
 * chain continuity, idempotency on (terminal, sequence)), persist durably, then answer with a
 * {@link WatermarkAck}. Duplicates are absorbed; the same key with other bytes is refused and
 * alerted; gaps come back as missing ranges. Batches of one terminal are handled one at a time,
 * terminals in parallel.
 */
public final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final int PARALLEL_VERIFY_FROM = 32;

    /** The zone's view of accepted records, written in the same transaction as the records. */
    public interface Listener {
        void accepted(Connection c, List<SignedRecord> records) throws SQLException;

        default void committed(List<SignedRecord> records) {}
    }

    private final FestivalId festival;
    private final RecordStore store;
    private final TerminalKeys keys;
    private final EdgeMetrics metrics;
    private final MessageCodec codec;
    private final RecordVerifier verifier;
    private final Map<TerminalId, Slot> slots = new ConcurrentHashMap<>();
    private volatile Listener listener = new Listener() {
        @Override
        public void accepted(Connection c, List<SignedRecord> records) {}
    };

    private static final class Slot {
        TerminalChain chain;

        Slot(TerminalChain chain) {
            this.chain = chain;
        }
    }

    public Inbox(FestivalId festival, RecordStore store, TerminalKeys keys, EdgeMetrics metrics, int maxMessageBytes) {
        this.festival = festival;
        this.store = store;
        this.keys = keys;
        this.metrics = metrics;
        this.codec = MessageCodec.withMaxBytes(maxMessageBytes);
        this.verifier = new RecordVerifier(id -> keys.find(id).map(TerminalKeys.Terminal::key));
        for (RecordStore.ChainState state : store.chains()) {
            slots.put(state.terminal(), new Slot(resume(state.terminal(), state.watermark(), state.head())));
        }
    }

    public void listener(Listener listener) {
        this.listener = listener;
    }

    private TerminalChain resume(TerminalId terminal, long watermark, io.fcs.protocol.record.RecordHash head) {
        TerminalChain chain =
                watermark == 0 ? TerminalChain.start(terminal) : TerminalChain.resume(terminal, watermark, head);
        for (byte[] held : store.heldAbove(terminal, watermark)) {
            if (verifier.verify(held) instanceof RecordVerification.Valid valid) {
                chain.accept(valid.record());
            }
        }
        return chain;
    }

    /** The outcome of one payload: an ack to send to the terminal, or a refusal of the whole message. */
    public sealed interface Outcome permits Acked, Refused {}

    public record Acked(WatermarkAck ack, byte[] encoded, int accepted, int duplicates, int refused, int queueDepth)
            implements Outcome {}

    public record Refused(String reason, String detail) implements Outcome {}

    /**
     * Handles one payload received on {@code fcs/v1/{festival}/{zone}/t/{terminal}/records}; the
     * topic's terminal ({@code fromTopic}) must be the batch's terminal.
     */
    public Outcome receive(TerminalId fromTopic, byte[] payload) {
        DecodeResult<RecordBatch> decoded = codec.decode(payload, RecordBatch.class);
        if (decoded instanceof DecodeResult.Refused<RecordBatch> refused) {
            return refuse(
                    "message", refused.reason().name().toLowerCase(java.util.Locale.ROOT), refused.detail(), fromTopic);
        }
        RecordBatch batch = ((DecodeResult.Decoded<RecordBatch>) decoded).message();
        if (!batch.terminalId().equals(fromTopic)) {
            return refuse(
                    "message",
                    "terminal_mismatch",
                    "batch of " + batch.terminalId() + " on the topic of " + fromTopic,
                    fromTopic);
        }
        return receive(batch);
    }

    private Outcome refuse(String kind, String reason, String detail, TerminalId terminal) {
        metrics.refused(kind, reason);
        log.warn("event=message_refused reason={} terminal={} detail=\"{}\"", reason, terminal, detail);
        return new Refused(reason, detail);
    }

    /**
     * Each record's verdict, in order: a terminal's records checked together (decision 0275), a
     * large batch in one slice per core.
     */
    private RecordVerification[] verifyAll(List<byte[]> raw) {
        RecordVerification[] verified = new RecordVerification[raw.size()];
        int slices = raw.size() >= PARALLEL_VERIFY_FROM
                ? Math.min(Runtime.getRuntime().availableProcessors(), raw.size() / (PARALLEL_VERIFY_FROM / 2))
                : 1;
        int length = (raw.size() + slices - 1) / slices;
        IntStream range = IntStream.range(0, Math.max(1, slices));
        (slices > 1 ? range.parallel() : range).forEach(s -> {
            int from = Math.min(raw.size(), s * length);
            int to = Math.min(raw.size(), from + length);
            List<RecordVerification> slice = verifier.verifyAllEncoded(raw.subList(from, to));
            for (int i = 0; i < slice.size(); i++) {
                verified[from + i] = slice.get(i);
            }
        });
        return verified;
    }

    public Acked receive(RecordBatch batch) {
        TerminalId terminal = batch.terminalId();
        List<byte[]> raw = batch.records().stream().map(r -> r.toByteArray()).toList();
        RecordVerification[] verified = verifyAll(raw);

        Slot slot = slots.computeIfAbsent(terminal, t -> new Slot(TerminalChain.start(t)));
        synchronized (slot) {
            List<SignedRecord> accepted = new ArrayList<>();
            TreeMap<Long, RefusedRecord.Reason> refused = new TreeMap<>();
            int duplicates = 0;
            int unknown = 0;
            for (int i = 0; i < raw.size(); i++) {
                long sequence = batch.firstSequence() + i;
                Optional<RefusedRecord.Reason> reason = Optional.empty();
                switch (verified[i]) {
                    case RecordVerification.Refused r -> {
                        switch (r.reason()) {
                            case UNKNOWN_KEY -> {
                                unknown++;
                                count("unknown_terminal", terminal, sequence, r.detail());
                            }
                            case BAD_SIGNATURE -> reason = Optional.of(RefusedRecord.Reason.BAD_SIGNATURE);
                            case BROKEN_CHAIN -> reason = Optional.of(RefusedRecord.Reason.CHAIN_BROKEN);
                            case MALFORMED, UNSUPPORTED_VERSION -> reason = Optional.of(RefusedRecord.Reason.MALFORMED);
                        }
                        reason.ifPresent(x ->
                                count(x.name().toLowerCase(java.util.Locale.ROOT), terminal, sequence, r.detail()));
                    }
                    case RecordVerification.Valid v -> {
                        SignedRecord record = v.record();
                        reason = placement(terminal, sequence, record);
                        if (reason.isEmpty()) {
                            ChainStep step = slot.chain.accept(record);
                            switch (step.status()) {
                                case CONTINUES, GAP -> accepted.add(record);
                                case DUPLICATE -> duplicates++;
                                case STALE -> {
                                    Optional<byte[]> stored = store.bytesAt(terminal, sequence);
                                    if (stored.isPresent() && Arrays.equals(stored.get(), record.encoded())) {
                                        duplicates++;
                                    } else if (stored.isPresent()) {
                                        reason = Optional.of(RefusedRecord.Reason.CONFLICTING_DUPLICATE);
                                    } else {
                                        duplicates++; // below a watermark whose rows were pruned
                                    }
                                }
                                case CONFLICT, WRONG_TERMINAL ->
                                    reason = Optional.of(RefusedRecord.Reason.CONFLICTING_DUPLICATE);
                                case FORK -> reason = Optional.of(RefusedRecord.Reason.FORK);
                                case BROKEN_LINK -> reason = Optional.of(RefusedRecord.Reason.CHAIN_BROKEN);
                            }
                            if (reason.isPresent()) {
                                count(
                                        reason.get().name().toLowerCase(java.util.Locale.ROOT),
                                        terminal,
                                        sequence,
                                        step.detail());
                                store.alert(reason.get().name(), terminal, sequence, step.detail());
                            }
                        } else {
                            count(
                                    reason.get().name().toLowerCase(java.util.Locale.ROOT),
                                    terminal,
                                    sequence,
                                    "placement");
                        }
                    }
                }
                reason.ifPresent(r -> refused.putIfAbsent(sequence, r));
            }
            TerminalChain chain = slot.chain;
            if (!accepted.isEmpty()) {
                Listener l = listener;
                store.persist(terminal, accepted, chain.watermark(), chain.head(), c -> {
                    l.accepted(c, accepted);
                    return null;
                });
                l.committed(accepted);
                metrics.recordsIn(accepted.size());
                if (chain.gaps().isEmpty()) {
                    slot.chain = TerminalChain.resume(terminal, chain.watermark(), chain.head());
                }
            }
            if (duplicates > 0) {
                metrics.recordsDuplicate(duplicates);
            }
            WatermarkAck ack = ack(terminal, chain, refused);
            log.debug(
                    "event=batch terminal={} first={} count={} accepted={} duplicates={} refused={} unknown={} watermark={}",
                    terminal,
                    batch.firstSequence(),
                    raw.size(),
                    accepted.size(),
                    duplicates,
                    refused.size(),
                    unknown,
                    ack.watermark());
            return new Acked(ack, codec.encode(ack), accepted.size(), duplicates, refused.size(), batch.queueDepth());
        }
    }

    /** Record-level checks the signature cannot make: its festival, terminal and place in the batch. */
    private Optional<RefusedRecord.Reason> placement(TerminalId terminal, long sequence, SignedRecord record) {
        var r = record.record();
        if (!r.festival().equals(festival)) {
            return Optional.of(RefusedRecord.Reason.WRONG_FESTIVAL);
        }
        if (!r.terminal().equals(terminal) || r.sequence() != sequence) {
            return Optional.of(RefusedRecord.Reason.MALFORMED);
        }
        Optional<java.time.Instant> revokedAt = keys.find(terminal).flatMap(TerminalKeys.Terminal::revokedAt);
        if (revokedAt.isPresent() && !r.time().isBefore(revokedAt.get())) {
            return Optional.of(RefusedRecord.Reason.TERMINAL_REVOKED);
        }
        return Optional.empty();
    }

    private void count(String reason, TerminalId terminal, long sequence, String detail) {
        metrics.refused("record", reason);
        log.warn("event=record_refused reason={} terminal={} seq={} detail=\"{}\"", reason, terminal, sequence, detail);
    }

    /** The current ack for a terminal (for a terminal that reconnects and asks where it stands). */
    public WatermarkAck currentAck(TerminalId terminal) {
        Slot slot = slots.get(terminal);
        if (slot == null) {
            return WatermarkAck.upTo(terminal, 0);
        }
        synchronized (slot) {
            return ack(terminal, slot.chain, new TreeMap<>());
        }
    }

    private static WatermarkAck ack(
            TerminalId terminal, TerminalChain chain, TreeMap<Long, RefusedRecord.Reason> refused) {
        List<SequenceRange> missing = new ArrayList<>();
        for (io.fcs.protocol.record.SequenceRange gap : chain.gaps()) {
            long from = gap.first();
            for (long seq : refused.subMap(gap.first(), true, gap.last(), true).keySet()) {
                if (seq > from) {
                    missing.add(SequenceRange.of(from, seq - 1));
                }
                from = seq + 1;
            }
            if (from <= gap.last()) {
                missing.add(SequenceRange.of(from, gap.last()));
            }
        }
        List<RefusedRecord> refusedList = refused.entrySet().stream()
                .map(e -> new RefusedRecord(e.getKey(), e.getValue()))
                .toList();
        return new WatermarkAck(terminal, chain.watermark(), missing, refusedList);
    }

    public MessageCodec codec() {
        return codec;
    }
}
