package io.fcs.central.sync;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordDecoding;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.RecordVerifier;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decodes and verifies the records of a batch (signature with the terminal's enrolled key) before
 * or beside the batch's database transaction, on all cores (decision 0240), each slice's
 * signatures checked together (decision 0275). The pool is bounded to the
 * machine's cores and shared by every request: concurrent batches queue for it instead of
 * oversubscribing the CPU. The request's own thread verifies one slice too, so a batch never waits
 * for the pool alone. The answers are in the batch's order, one per record, what {@link
 * RecordVerifier#verifyAllEncoded} answers for it: what {@link RecordVerifier#verify(byte[])} answers,
 * with RFC 8032's cofactored signature equation.
 */
@Component
class BatchVerifier implements DisposableBean {

    /** Batches up to this many records (and each slice at least this many) are verified in one thread. */
    static final int SLICE_MIN = 16;

    private final TerminalDirectory terminals;
    private final int threads;
    private final ExecutorService pool;

    @Autowired
    BatchVerifier(TerminalDirectory terminals) {
        this(terminals, Runtime.getRuntime().availableProcessors());
    }

    BatchVerifier(TerminalDirectory terminals, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one verifying thread, was " + threads);
        }
        this.terminals = terminals;
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "record-verifier-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * One verification per record, in order. {@code terminal} is the batch's terminal: its key is
     * read once, before the slices start; a record naming another terminal has that one's key
     * looked up (once per batch) and is refused later for being in the wrong batch.
     */
    List<RecordVerification> verify(TerminalId terminal, List<byte[]> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        Map<TerminalId, Optional<Ed25519.VerificationKey>> keys = new ConcurrentHashMap<>();
        keys.put(terminal, terminals.key(terminal));
        RecordVerifier verifier = new RecordVerifier(t -> keys.computeIfAbsent(t, terminals::key));
        RecordVerification[] out = new RecordVerification[records.size()];
        Slice check = (from, to) -> place(verifier.verifyAllEncoded(records.subList(from, to)), out, from);
        await(inSlices(records.size(), check, true));
        return Arrays.asList(out);
    }

    /**
     * Starts checking a batch's signatures on the pool and answers at once, for a transaction that
     * runs beside the check (decision 0270): the records decoded on the calling thread, and the
     * check to join before that transaction commits. Empty (nothing started) unless every record
     * decodes, names {@code terminal} and that terminal has a key: such a batch is verified first,
     * with {@link #verify}, as before.
     */
    Optional<Pending> start(TerminalId terminal, List<byte[]> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        Optional<Ed25519.VerificationKey> key = terminals.key(terminal);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<SignedRecord> decoded = new ArrayList<>(records.size());
        for (byte[] bytes : records) {
            if (!(RecordCodec.decodeSigned(bytes) instanceof RecordDecoding.Decoded<SignedRecord> ok)
                    || !ok.value().record().terminal().equals(terminal)) {
                return Optional.empty();
            }
            decoded.add(ok.value());
        }
        RecordVerifier verifier = new RecordVerifier(t -> t.equals(terminal) ? key : Optional.empty());
        RecordVerification[] out = new RecordVerification[decoded.size()];
        Slice check = (from, to) -> place(verifier.verifyAll(decoded.subList(from, to)), out, from);
        return Optional.of(new Pending(decoded, out, inSlices(decoded.size(), check, false)));
    }

    /** A part of a batch, records {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    private interface Slice {
        void check(int from, int to);
    }

    /**
     * Splits {@code size} records into at most one slice per thread (none smaller than {@link
     * #SLICE_MIN}) and checks them on the pool; with {@code callerTakesOne} the calling thread
     * checks the first slice itself before it answers. The pool's slices, to await.
     */
    private List<Future<?>> inSlices(int size, Slice check, boolean callerTakesOne) {
        int slices = Math.max(1, Math.min(threads, size / SLICE_MIN));
        int length = (size + slices - 1) / slices;
        List<Future<?>> running = new ArrayList<>(slices);
        for (int s = callerTakesOne ? 1 : 0; s < slices; s++) {
            int from = s * length;
            int to = Math.min(size, from + length);
            if (from < to) {
                running.add(pool.submit(() -> check.check(from, to)));
            }
        }
        if (callerTakesOne) {
            try {
                check.check(0, Math.min(size, length));
            } catch (RuntimeException failed) {
                running.forEach(f -> f.cancel(true));
                throw failed;
            }
        }
        return running;
    }

    private static void place(List<RecordVerification> verdicts, RecordVerification[] out, int from) {
        for (int i = 0; i < verdicts.size(); i++) {
            out[from + i] = verdicts.get(i);
        }
    }

    /**
     * A batch whose signatures are being checked on the pool. {@link #assumed()} is what the batch
     * is if every signature holds; {@link #join()} waits for the check and answers exactly what
     * {@link #verify} would have answered.
     */
    static final class Pending {
        private final List<SignedRecord> decoded;
        private final RecordVerification[] out;
        private final List<Future<?>> running;

        private Pending(List<SignedRecord> decoded, RecordVerification[] out, List<Future<?>> running) {
            this.decoded = decoded;
            this.out = out;
            this.running = running;
        }

        /** Every record as authentic: valid only once {@link #allAuthentic()} says so. */
        List<RecordVerification> assumed() {
            List<RecordVerification> valid = new ArrayList<>(decoded.size());
            for (SignedRecord signed : decoded) {
                valid.add(new RecordVerification.Valid(signed));
            }
            return valid;
        }

        /** Waits for the check; the verdict of each record, in order. */
        List<RecordVerification> join() {
            await(running);
            return Arrays.asList(out.clone());
        }

        /** Waits for the check; whether every record's signature holds. */
        boolean allAuthentic() {
            return join().stream().allMatch(RecordVerification::isValid);
        }
    }

    private static void await(List<Future<?>> running) {
        for (Future<?> slice : running) {
            try {
                slice.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                running.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while verifying a record batch", interrupted);
            } catch (ExecutionException failed) {
                running.forEach(f -> f.cancel(true));
                if (failed.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("verifying a record batch failed", failed.getCause());
            }
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
