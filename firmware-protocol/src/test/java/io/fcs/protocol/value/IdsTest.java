package io.fcs.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    private static final String CANONICAL = "f0000000-0000-4000-8000-00000000000a";

    private static final List<Function<String, Object>> PARSERS = List.of(
            FestivalId::parse,
            ZoneId::parse,
            TerminalId::parse,
            EdgeId::parse,
            WalletId::parse,
            TicketId::parse,
            RecordId::parse);

    @Test
    void everyIdParsesTheCanonicalUuidAndPrintsItBack() {
        for (Function<String, Object> parser : PARSERS) {
            assertThat(parser.apply(CANONICAL)).hasToString(CANONICAL);
            assertThat(parser.apply(CANONICAL.toUpperCase(java.util.Locale.ROOT)))
                    .hasToString(CANONICAL);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "f0000000000040008000000000000000a",
                "f0000000-0000-4000-8000-00000000000",
                "f0000000-0000-4000-8000-00000000000ab",
                "f000000-00000-4000-8000-00000000000a",
                "g0000000-0000-4000-8000-00000000000a",
                "{f0000000-0000-4000-8000-00000000000a}",
                " f0000000-0000-4000-8000-00000000000a",
                "1-2-3-4-5"
            })
    void everyIdRefusesTextThatIsNotACanonicalUuid(String text) {
        for (Function<String, Object> parser : PARSERS) {
            assertThatThrownBy(() -> parser.apply(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a UUID");
        }
    }

    @Test
    void everyIdRefusesNullTextAndANullValue() {
        for (Function<String, Object> parser : PARSERS) {
            assertThatThrownBy(() -> parser.apply(null)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> FestivalId.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RecordId.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theWireFormIsSixteenBigEndianBytes() {
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        byte[] bytes = Ids.toBytes(uuid);

        assertThat(bytes).hasSize(16);
        assertThat(io.fcs.protocol.crypto.Bytes.hex(bytes)).isEqualTo("00112233445566778899aabbccddeeff");
        byte[] framed = new byte[20];
        System.arraycopy(bytes, 0, framed, 3, 16);
        assertThat(Ids.fromBytes(framed, 3)).isEqualTo(uuid);
    }

    @Test
    void randomIdsDiffer() {
        assertThat(RecordId.random()).isNotEqualTo(RecordId.random());
        assertThat(TerminalId.random().value().version()).isEqualTo(4);
    }
}
