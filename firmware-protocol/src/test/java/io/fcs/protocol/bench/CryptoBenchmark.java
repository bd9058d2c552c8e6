package io.fcs.protocol.bench;

import io.fcs.protocol.crypto.Ed25519;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The physical limits the protocol's targets are measured against (DESIGN §8): raw Bouncy Castle
 * Ed25519 over a message of a ticket's size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CryptoBenchmark {

    private Ed25519.SigningKey key;
    private Ed25519.VerificationKey verificationKey;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() {
        key = Ed25519.SigningKey.fromSeed(Fixtures.seed(1));
        verificationKey = key.verificationKey();
        message = Fixtures.bytes(BenchSizes.TICKET_BODY, 2);
        signature = key.sign(message);
    }

    @Benchmark
    public boolean rawEd25519Verify() {
        return verificationKey.verify(message, signature);
    }

    @Benchmark
    public byte[] rawEd25519Sign() {
        return key.sign(message);
    }
}
