package io.fcs.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Property: every valid message survives encode → decode unchanged, and its encoding is canonical. */
class MessageRoundTripTest {

    private static final int CASES_PER_TYPE = 400;
    private final MessageCodec codec = MessageCodec.standard();

    @Test
    void everyGeneratedMessageDecodesToItself() {
        for (long seed = 1; seed <= CASES_PER_TYPE; seed++) {
            RandomMessages random = new RandomMessages(seed);
            List<Function<RandomMessages, Message>> generators = random.generators();
            for (Function<RandomMessages, Message> generator : generators) {
                Message message = generator.apply(random);
                byte[] bytes = codec.encode(message);
                DecodeResult<Message> decoded = codec.decode(bytes);
                assertThat(decoded)
                        .as("seed %d, %s", seed, message.type())
                        .isEqualTo(new DecodeResult.Decoded<>(message));
                assertThat(Bytes.hex(codec.encode(decoded.orElseThrow())))
                        .as("seed %d re-encoding", seed)
                        .isEqualTo(Bytes.hex(bytes));
            }
        }
    }

    @Test
    void decodingAsTheMessageClassGivesTheTypedMessage() {
        RandomMessages random = new RandomMessages(99);
        for (int i = 0; i < 50; i++) {
            Message message = random.any();
            DecodeResult<? extends Message> typed = codec.decode(codec.encode(message), message.getClass());
            assertThat(typed).isEqualTo(new DecodeResult.Decoded<>(message));
        }
    }

    @Test
    void everyGeneratorCoversASupportedType() {
        RandomMessages random = new RandomMessages(7);
        assertThat(random.generators().stream().map(g -> g.apply(random).type()).toList())
                .containsExactlyInAnyOrderElementsOf(MessageCodec.supportedTypes());
    }
}
