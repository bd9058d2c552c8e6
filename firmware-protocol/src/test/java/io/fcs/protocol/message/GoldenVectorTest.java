package io.fcs.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.testing.MessageVectors;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden vectors are the contract between terminals, edges and central: byte for byte, both ways. */
class GoldenVectorTest {

    private final MessageCodec codec = MessageCodec.standard();

    static Stream<String> vectors() {
        return Fixtures.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encoderProducesTheGoldenVectorByteForByte(String name) {
        byte[] golden = MessageVectors.bytes(name);
        assertThat(Bytes.hex(codec.encode(Fixtures.all().get(name)))).isEqualTo(Bytes.hex(golden));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decoderReadsTheGoldenVectorIntoTheFixture(String name) {
        DecodeResult<Message> result = codec.decode(MessageVectors.bytes(name));
        assertThat(result).isEqualTo(new DecodeResult.Decoded<>(Fixtures.all().get(name)));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void headerOfEveryVectorNamesItsType(String name) {
        byte[] golden = MessageVectors.bytes(name);
        assertThat(MessageCodec.peekType(golden))
                .contains(Fixtures.all().get(name).type());
    }

    @Test
    void theSharedVectorListNamesEveryVector() {
        assertThat(MessageVectors.NAMES)
                .containsExactlyInAnyOrderElementsOf(Fixtures.all().keySet());
    }

    @Test
    void everyMessageTypeHasACodec() {
        assertThat(MessageCodec.supportedTypes()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(MessageType.class));
    }

    @Test
    void everyMessageTypeHasAGoldenVector() {
        Set<MessageType> covered = Fixtures.all().values().stream()
                .map(Message::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MessageType.class)));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(MessageCodec.supportedTypes());
    }
}
