package io.fcs.protocol.message;

import static io.fcs.protocol.message.Refusals.append;
import static io.fcs.protocol.message.Refusals.patch;
import static io.fcs.protocol.message.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.testing.MessageVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of bad input is refused with its reason, and nothing ever throws to the caller. */
class MalformedMessageTest {

    private final MessageCodec codec = MessageCodec.standard();

    static Stream<String> vectors() {
        return Fixtures.all().keySet().stream();
    }

    /** The golden vectors plus a spread of generated messages of every type. */
    static List<byte[]> samples() {
        List<byte[]> samples = new ArrayList<>();
        Fixtures.all().keySet().forEach(name -> samples.add(MessageVectors.bytes(name)));
        for (long seed = 1; seed <= 6; seed++) {
            RandomMessages random = new RandomMessages(seed);
            random.generators().forEach(g -> {
                byte[] bytes = MessageCodec.standard().encode(g.apply(random));
                if (bytes.length <= 600) {
                    samples.add(bytes);
                }
            });
        }
        return samples;
    }

    @Test
    void aMessageCutAtAnyPositionIsRefusedAsTruncated() {
        for (byte[] whole : samples()) {
            for (int length = 0; length < whole.length; length++) {
                DecodeRefusal reason = refusalOf(Arrays.copyOf(whole, length));
                assertThat(reason)
                        .as("%s cut at %d", Bytes.hex(whole), length)
                        .isIn(DecodeRefusal.TRUNCATED, DecodeRefusal.LENGTH_OUT_OF_RANGE);
                if (length < MessageCodec.HEADER_BYTES) {
                    assertThat(reason).isEqualTo(DecodeRefusal.TRUNCATED);
                }
            }
        }
    }

    @Test
    void bytesAfterTheLastFieldAreRefused() {
        for (byte[] whole : samples()) {
            assertThat(refusalOf(append(whole, "00"))).isEqualTo(DecodeRefusal.TRAILING_BYTES);
            assertThat(refusalOf(append(whole, "ff".repeat(100)))).isEqualTo(DecodeRefusal.TRAILING_BYTES);
        }
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void anotherMagicIsRefused(String name) {
        byte[] golden = MessageVectors.bytes(name);
        assertThat(refusalOf(patch(golden, 0, "7b22"))).isEqualTo(DecodeRefusal.BAD_MAGIC); // '{"': JSON
        assertThat(refusalOf(patch(golden, 1, "00"))).isEqualTo(DecodeRefusal.BAD_MAGIC);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void anUnknownFormatVersionIsRefused(String name) {
        byte[] golden = MessageVectors.bytes(name);
        for (int version = 0; version < 256; version++) {
            if (version != MessageCodec.VERSION) {
                assertThat(refusalOf(patch(golden, 2, "%02x".formatted(version))))
                        .isEqualTo(DecodeRefusal.UNKNOWN_VERSION);
            }
        }
    }

    @Test
    void everyUndefinedTypeCodeIsRefused() {
        byte[] golden = MessageVectors.bytes("record-batch");
        for (int code = 0; code < 256; code++) {
            if (MessageType.fromCode(code).isEmpty()) {
                assertThat(refusalOf(patch(golden, 3, "%02x".formatted(code)))).isEqualTo(DecodeRefusal.UNKNOWN_TYPE);
            }
        }
    }

    @Test
    void aPayloadAboveTheMaximumIsRefusedBeforeParsing() {
        MessageCodec small = MessageCodec.withMaxBytes(40);
        byte[] golden = MessageVectors.bytes("record-batch");
        assertThat(golden.length).isGreaterThan(40);
        assertThat(small.decode(golden)).isInstanceOf(DecodeResult.Refused.class);
        assertThat(((DecodeResult.Refused<Message>) small.decode(golden)).reason())
                .isEqualTo(DecodeRefusal.TOO_LARGE);
        byte[] garbage = new byte[MessageCodec.DEFAULT_MAX_BYTES + 1];
        assertThat(refusalOf(garbage)).isEqualTo(DecodeRefusal.TOO_LARGE);
    }

    @Test
    void encodingAboveTheMaximumIsABrokenInvariant() {
        MessageCodec small = MessageCodec.withMaxBytes(40);
        assertThatThrownBy(() -> small.encode(Fixtures.recordBatch()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above the maximum");
    }

    @Test
    void noPayloadIsRefusedAsTruncated() {
        assertThat(refusalOf(null)).isEqualTo(DecodeRefusal.TRUNCATED);
        assertThat(refusalOf(new byte[0])).isEqualTo(DecodeRefusal.TRUNCATED);
    }

    @Test
    void aMessageOfAnotherTypeThanExpectedIsRefused() {
        DecodeResult<WatermarkAck> result = codec.decode(MessageVectors.bytes("record-batch"), WatermarkAck.class);
        assertThat(result).isInstanceOf(DecodeResult.Refused.class);
        assertThat(((DecodeResult.Refused<WatermarkAck>) result).reason()).isEqualTo(DecodeRefusal.UNEXPECTED_TYPE);
    }

    @Test
    void randomlyDamagedMessagesNeverThrowAndWhatIsAcceptedIsCanonical() {
        Random random = new Random(2026);
        List<byte[]> samples = samples();
        for (int i = 0; i < 20_000; i++) {
            byte[] damaged = samples.get(random.nextInt(samples.size())).clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                int at = MessageCodec.HEADER_BYTES + random.nextInt(damaged.length - MessageCodec.HEADER_BYTES);
                damaged[at] = (byte) random.nextInt(256);
            }
            DecodeResult<Message> result = codec.decode(damaged);
            if (result instanceof DecodeResult.Decoded<Message> decoded) {
                assertThat(Bytes.hex(codec.encode(decoded.message())))
                        .as("accepted payloads re-encode to themselves")
                        .isEqualTo(Bytes.hex(damaged));
            }
        }
    }

    @Test
    void randomGarbageAfterAValidHeaderNeverThrows() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[MessageCodec.HEADER_BYTES + random.nextInt(120)];
            random.nextBytes(garbage);
            garbage[0] = (byte) MessageCodec.MAGIC_0;
            garbage[1] = (byte) MessageCodec.MAGIC_1;
            garbage[2] = (byte) MessageCodec.VERSION;
            List<MessageType> types = List.copyOf(MessageCodec.supportedTypes());
            garbage[3] = (byte) types.get(random.nextInt(types.size())).code();
            DecodeResult<Message> result = codec.decode(garbage);
            if (result instanceof DecodeResult.Decoded<Message> decoded) {
                assertThat(Bytes.hex(codec.encode(decoded.message()))).isEqualTo(Bytes.hex(garbage));
            }
        }
    }
}
