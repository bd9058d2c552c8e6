package io.fcs.protocol.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9285 examples (sections 4.3 and 4.4) and the rules of its section 4.2. */
class Base45Test {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"AB|BB8", "Hello!!|%69 VD92EX0", "base-45|UJCLQE7W581", "ietf!|QED8WEX0"})
    void encodesTheRfc9285Examples(String text, String base45) {
        assertThat(Base45.encode(text)).isEqualTo(base45);
        assertThat(Base45.decode(base45))
                .hasValueSatisfying(bytes ->
                        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(text));
    }

    @Test
    void emptyBytesAreEmptyText() {
        assertThat(Base45.encode(new byte[0])).isEmpty();
        assertThat(Base45.decode(""))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());
    }

    @Test
    void extremeValuesEncodeAndDecode() {
        byte[] ones = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(Base45.encode(ones)).isEqualTo("FGWU5");
        assertThat(Base45.decode("FGWU5"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(ones));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GGW", "U6", "ZZZ", ":::"})
    void groupsAboveTheirByteRangeAreRefused(String text) {
        assertThat(Base45.decode(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "BB8A", "bb8", "BB#", "BB\u00e9", "BB\n"})
    void textOfAnImpossibleLengthOrOutsideTheAlphabetIsRefused(String text) {
        assertThat(Base45.decode(text)).isEmpty();
    }

    @Test
    void textNeverEndsInASpaceSoScannersMayTrimIt() {
        assertThat(Base45.encode(new byte[] {(byte) 0xff, (byte) 0xff})).isEqualTo("FGW");
        assertThat(Base45.encode(new byte[] {(byte) 0xff})).isEqualTo("U5");
        Random random = new Random(45);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            random.nextBytes(bytes);
            assertThat(Base45.encode(bytes)).doesNotEndWith(" ");
        }
    }

    @Test
    void nullTextIsRefused() {
        assertThat(Base45.decode(null)).isEmpty();
    }

    @Test
    void anyBytesSurviveARoundTrip() {
        Random random = new Random(9285);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String text = Base45.encode(bytes);
            assertThat(text).hasSize(Base45.encodedLength(bytes.length)).matches("[0-9A-Z $%*+\\-./:]*");
            assertThat(Base45.decode(text))
                    .hasValueSatisfying(decoded -> assertThat(decoded).isEqualTo(bytes));
        }
    }
}
