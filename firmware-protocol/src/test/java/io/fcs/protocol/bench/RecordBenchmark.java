package io.fcs.protocol.bench;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordSigner;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.RecordVerifier;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A terminal signing a bar sale (encode + sign + chain hash) and an edge verifying one from its
 * wire bytes (decode + key lookup + verify).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordBenchmark {

    private RecordSigner signer;
    private RecordVerifier verifier;
    private TransactionRecord record;
    private byte[] encoded;

    @Setup
    public void setUp() {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(Fixtures.seed(3));
        signer = new RecordSigner(key);
        Optional<Ed25519.VerificationKey> terminalKey = Optional.of(key.verificationKey());
        verifier = new RecordVerifier(terminal -> Fixtures.TERMINAL.equals(terminal) ? terminalKey : Optional.empty());
        record = Fixtures.sale(1, RecordHash.GENESIS);
        encoded = signer.sign(record).encoded();
        if (!verifier.verify(encoded).isValid()) {
            throw new IllegalStateException("benchmark record does not verify");
        }
    }

    @Benchmark
    public SignedRecord recordSign() {
        SignedRecord signed = signer.sign(record);
        signed.hash();
        return signed;
    }

    @Benchmark
    public RecordVerification recordVerify() {
        return verifier.verify(encoded);
    }
}
