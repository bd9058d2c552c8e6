package io.fcs.protocol.record;

import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The idempotency and watermark logic of one terminal's record chain, shared by the edge and
 * central. Feed it the <em>verified</em> records of one terminal in any order, any number of
 * times; each is classified ({@link ChainStatus}) and the watermark is the highest sequence up to
 * which every record is held and linked. Pure: no I/O, no clock; not thread-safe (one chain per
 * terminal, fed by one thread or under the caller's lock).
 *
 * <p>Rules, in the order they are checked:
 *
 * <ol>
 *   <li>another terminal's record: WRONG_TERMINAL;
 *   <li>a sequence at or below the watermark a chain was {@linkplain #resume resumed} from: STALE;
 *   <li>same sequence as an accepted record: DUPLICATE if the signed bytes are the same, FORK if
 *       both name the same previous hash (two records claiming one parent), CONFLICT otherwise;
 *   <li>same record id as an accepted record at another sequence: CONFLICT;
 *   <li>same previous hash as an accepted record at another sequence: FORK;
 *   <li>the accepted predecessor's hash (GENESIS for sequence 1) is not its previous hash, or
 *       the accepted successor does not name its hash: BROKEN_LINK;
 *   <li>otherwise it is accepted: CONTINUES if the watermark reached it, GAP otherwise.
 * </ol>
 *
 * Refused records change nothing. For a set of records of a valid chain, every order and every
 * duplication gives the same watermark and the same {@link #gaps()}.
 */
public final class TerminalChain {

    private record Link(RecordId id, RecordHash previous, RecordHash hash) {}

    private final TerminalId terminal;
    private final long base;
    private final RecordHash baseHash;
    private final NavigableMap<Long, Link> accepted = new TreeMap<>();
    private final Map<RecordId, Long> sequenceById = new HashMap<>();
    private final Map<RecordHash, Long> sequenceByParent = new HashMap<>();
    private long watermark;
    private RecordHash head;

    private TerminalChain(TerminalId terminal, long base, RecordHash baseHash) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.baseHash = Objects.requireNonNull(baseHash, "baseHash");
        if (base < 0) {
            throw new IllegalArgumentException("watermark must not be negative, was " + base);
        }
        if (base == 0 && !baseHash.isGenesis()) {
            throw new IllegalArgumentException("a chain with watermark 0 has the GENESIS head");
        }
        this.base = base;
        this.watermark = base;
        this.head = baseHash;
    }

    /** A terminal's chain before its first record: watermark 0, head GENESIS. */
    public static TerminalChain start(TerminalId terminal) {
        return new TerminalChain(terminal, 0, RecordHash.GENESIS);
    }

    /**
     * A chain resumed from storage: every sequence up to {@code watermark} is known to the caller
     * (those records are answered STALE), and {@code head} is the hash of record {@code watermark}.
     */
    public static TerminalChain resume(TerminalId terminal, long watermark, RecordHash head) {
        return new TerminalChain(terminal, watermark, head);
    }

    /** Classifies a verified record and takes it in when it fits. */
    public ChainStep accept(SignedRecord signed) {
        TransactionRecord record = signed.record();
        long sequence = record.sequence();
        if (!terminal.equals(record.terminal())) {
            return step(ChainStatus.WRONG_TERMINAL, sequence, "record of " + record.terminal() + " fed to " + terminal);
        }
        if (sequence <= base) {
            return step(ChainStatus.STALE, sequence, "at or below the resumed watermark " + base);
        }
        RecordHash hash = signed.hash();
        Link same = accepted.get(sequence);
        if (same != null) {
            if (same.hash().equals(hash)) {
                return step(ChainStatus.DUPLICATE, sequence, "same bytes as the accepted record " + same.id());
            }
            if (same.previous().equals(record.previousHash())) {
                return step(
                        ChainStatus.FORK,
                        sequence,
                        "record " + record.id() + " and accepted " + same.id() + " both claim parent "
                                + record.previousHash());
            }
            return step(
                    ChainStatus.CONFLICT,
                    sequence,
                    "sequence " + sequence + " is already held by " + same.id() + " with other bytes");
        }
        Long idHolder = sequenceById.get(record.id());
        if (idHolder != null) {
            return step(
                    ChainStatus.CONFLICT,
                    sequence,
                    "record id " + record.id() + " is already held at sequence " + idHolder);
        }
        Long parentClaimant = sequenceByParent.get(record.previousHash());
        if (parentClaimant != null) {
            return step(
                    ChainStatus.FORK,
                    sequence,
                    "parent " + record.previousHash() + " is already claimed by sequence " + parentClaimant);
        }
        RecordHash predecessor = hashAt(sequence - 1);
        if (predecessor != null && !predecessor.equals(record.previousHash())) {
            return step(
                    ChainStatus.BROKEN_LINK,
                    sequence,
                    "names previous hash " + record.previousHash() + " but sequence " + (sequence - 1) + " hashes to "
                            + predecessor);
        }
        Link successor = accepted.get(sequence + 1);
        if (successor != null && !successor.previous().equals(hash)) {
            return step(
                    ChainStatus.BROKEN_LINK,
                    sequence,
                    "accepted sequence " + (sequence + 1) + " names " + successor.previous() + ", not this hash "
                            + hash);
        }
        accepted.put(sequence, new Link(record.id(), record.previousHash(), hash));
        sequenceById.put(record.id(), sequence);
        sequenceByParent.put(record.previousHash(), sequence);
        Link next;
        while ((next = accepted.get(watermark + 1)) != null) {
            watermark++;
            head = next.hash();
        }
        if (sequence <= watermark) {
            return step(ChainStatus.CONTINUES, sequence, "watermark " + watermark);
        }
        return step(ChainStatus.GAP, sequence, "missing " + gaps());
    }

    private RecordHash hashAt(long sequence) {
        if (sequence == base) {
            return baseHash;
        }
        Link link = accepted.get(sequence);
        return link == null ? null : link.hash();
    }

    private ChainStep step(ChainStatus status, long sequence, String detail) {
        return new ChainStep(status, sequence, watermark, detail);
    }

    public TerminalId terminal() {
        return terminal;
    }

    /** The highest sequence up to which every record is held and linked (0 before the first). */
    public long watermark() {
        return watermark;
    }

    /** The hash of the record at the watermark: the previous hash the next record must name. */
    public RecordHash head() {
        return head;
    }

    /** The highest accepted sequence, or the watermark when nothing is held above it. */
    public long highestSequence() {
        return accepted.isEmpty() ? watermark : Math.max(watermark, accepted.lastKey());
    }

    /** The missing sequences between the watermark and the highest accepted sequence, in order. */
    public List<SequenceRange> gaps() {
        List<SequenceRange> gaps = new ArrayList<>();
        long previous = watermark;
        for (long sequence : accepted.tailMap(watermark, false).keySet()) {
            if (sequence > previous + 1) {
                gaps.add(SequenceRange.of(previous + 1, sequence - 1));
            }
            previous = sequence;
        }
        return List.copyOf(gaps);
    }

    /** Whether a record with this sequence has been accepted (or lies at or below a resumed watermark). */
    public boolean holds(long sequence) {
        return sequence <= base || accepted.containsKey(sequence);
    }
}
