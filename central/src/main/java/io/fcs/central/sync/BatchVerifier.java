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
 * the batch's database transaction, on all cores (decision 0240). The pool is bounded to the
 * machine's cores and shared by every request: concurrent batches queue for it instead of
 * oversubscribing the CPU. The request's own thread verifies one slice too, so a batch never waits
 * for the pool alone. The answers are in the batch's order, one per record, exactly what {@link
 * RecordVerifier#verify(byte[])} answers for it.
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
        int slices = Math.max(1, Math.min(threads, records.size() / SLICE_MIN));
        if (slices == 1) {
            verifySlice(verifier, records, out, 0, records.size());
            return Arrays.asList(out);
        }
        int size = (records.size() + slices - 1) / slices;
        List<Future<?>> running = new ArrayList<>(slices - 1);
        for (int s = 1; s < slices; s++) {
            int from = s * size;
            int to = Math.min(records.size(), from + size);
            if (from < to) {
                running.add(pool.submit(() -> verifySlice(verifier, records, out, from, to)));
            }
        }
        verifySlice(verifier, records, out, 0, Math.min(records.size(), size));
        await(running);
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
        int slices = Math.max(1, Math.min(threads, decoded.size() / SLICE_MIN));
        int size = (decoded.size() + slices - 1) / slices;
        List<Future<?>> running = new ArrayList<>(slices);
        for (int s = 0; s < slices; s++) {
            int from = s * size;
            int to = Math.min(decoded.size(), from + size);
            if (from < to) {
                running.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        out[i] = verifier.verify(decoded.get(i), null);
                    }
                }));
            }
        }
        return Optional.of(new Pending(decoded, out, running));
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

    private static void verifySlice(
            RecordVerifier verifier, List<byte[]> records, RecordVerification[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = verifier.verify(records.get(i));
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
