package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of the MQTT codecs on the hot paths: an edge decoding record batches (100 records of 200
 * bytes, the size of a signed record) and a terminal/edge pair encoding and decoding a tap's
 * authorisation request and answer. Run with the command in docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageCodecBenchmark {

    private final MessageCodec codec = MessageCodec.standard();
    private RecordBatch batch;
    private byte[] batchBytes;
    private AuthorisationRequest request;
    private byte[] requestBytes;
    private byte[] answerBytes;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        List<OpaqueBytes> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] record = new byte[200];
            random.nextBytes(record);
            records.add(OpaqueBytes.of(record));
        }
        batch = new RecordBatch(TerminalId.random(), 1, records, 100);
        batchBytes = codec.encode(batch);
        request = new AuthorisationRequest(
                UUID.randomUUID(),
                TerminalId.random(),
                AuthorisationKind.SALE,
                OpaqueBytes.fromHex("04a1b2c3d4e5f6"),
                Optional.empty(),
                OpaqueBytes.of(new byte[120]),
                Money.eur(1250),
                java.time.Instant.now());
        requestBytes = codec.encode(request);
        answerBytes = codec.encode(Fixtures.authorisationAnswer());
    }

    /** One batch of 100 records; multiply by 100 for records/s. */
    @Benchmark
    public DecodeResult<Message> decodeRecordBatchOf100() {
        return codec.decode(batchBytes);
    }

    @Benchmark
    public byte[] encodeRecordBatchOf100() {
        return codec.encode(batch);
    }

    @Benchmark
    public DecodeResult<Message> decodeAuthorisationRequest() {
        return codec.decode(requestBytes);
    }

    @Benchmark
    public byte[] encodeAuthorisationRequest() {
        return codec.encode(request);
    }

    @Benchmark
    public DecodeResult<Message> decodeAuthorisationAnswer() {
        return codec.decode(answerBytes);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(MessageCodecBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
