package io.fcs.protocol.bench;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Ed25519Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signatures checked per second when one terminal's records are checked together ({@link
 * Ed25519Batch}, decision 0275), against one Bouncy Castle check after another over the same
 * records: the record's size, 100 per slice as central's two verifying threads take a batch of 200.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchVerifyBenchmark {

    static final int BATCH = 100;

    private Ed25519.VerificationKey key;
    private final List<byte[]> messages = new ArrayList<>();
    private final List<byte[]> signatures = new ArrayList<>();

    @Setup
    public void setUp() {
        Ed25519.SigningKey signing = Ed25519.SigningKey.fromSeed(Fixtures.seed(3));
        key = signing.verificationKey();
        for (int i = 0; i < BATCH; i++) {
            byte[] message = Fixtures.bytes(BenchSizes.RECORD_BODY, 100 + i);
            messages.add(message);
            signatures.add(signing.sign(message));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean oneAfterAnother() {
        boolean all = true;
        for (int i = 0; i < BATCH; i++) {
            all &= key.verify(messages.get(i), signatures.get(i));
        }
        return all;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean together() {
        return Ed25519Batch.allHold(key, messages, signatures);
    }
}
