package io.fcs.protocol.record;

import static io.fcs.protocol.record.RecordExamples.TERMINAL_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.value.Money;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordCodecTest {

    private final RecordSigner signer = new RecordSigner(TERMINAL_KEY);

    @ParameterizedTest
    @EnumSource(RecordKind.class)
    void everyKindDecodesToTheRecordItWasEncodedFrom(RecordKind kind) {
        TransactionRecord record = RecordExamples.example(kind, 7, RecordHash.GENESIS);
        byte[] bytes = RecordCodec.encode(record);

        assertThat(RecordCodec.decode(bytes)).isEqualTo(new RecordDecoding.Decoded<>(record));
        assertThat(bytes[0]).isEqualTo((byte) RecordCodec.VERSION);
        assertThat(bytes[1]).isEqualTo((byte) kind.code());
        assertThat(bytes.length).isBetween(RecordCodec.MIN_SIGNED_LENGTH, RecordCodec.MAX_SIGNED_LENGTH);
    }

    @Test
    void signedWireFormIsSignedBytesFollowedByTheSignature() {
        SignedRecord signed = signer.sign(RecordExamples.sale(1, RecordHash.GENESIS));
        byte[] encoded = signed.encoded();

        assertThat(Arrays.copyOf(encoded, encoded.length - 64)).isEqualTo(signed.signedBytes());
        assertThat(Arrays.copyOfRange(encoded, encoded.length - 64, encoded.length))
                .isEqualTo(signed.signature());
        assertThat(RecordCodec.decodeSigned(encoded)).isEqualTo(new RecordDecoding.Decoded<>(signed));
    }

    @Test
    void fixedFieldsSitAtTheirDocumentedOffsets() {
        TransactionRecord record = RecordExamples.sale(258, RecordHash.GENESIS);
        byte[] bytes = RecordCodec.encode(record);

        assertThat(Bytes.hex(
                        Arrays.copyOfRange(bytes, RecordCodec.OFFSET_TERMINAL_ID, RecordCodec.OFFSET_TERMINAL_ID + 16)))
                .isEqualTo(record.terminal().toString().replace("-", ""));
        assertThat(Bytes.hex(Arrays.copyOfRange(bytes, RecordCodec.OFFSET_SEQUENCE, RecordCodec.OFFSET_SEQUENCE + 8)))
                .isEqualTo("0000000000000102");
        assertThat(bytes[RecordCodec.OFFSET_AUTHORITY]).isEqualTo((byte) Authority.EDGE.code());
        assertThat(bytes[RecordCodec.OFFSET_FLAGS]).isEqualTo((byte) (RecordCodec.FLAG_WALLET | RecordCodec.FLAG_CHIP));
        assertThat(bytes[RecordCodec.OFFSET_UID_LENGTH]).isEqualTo((byte) 7);
    }

    @Test
    void everyTruncationIsRefusedAsTruncated() {
        byte[] bytes = RecordCodec.encode(RecordExamples.sale(1, RecordHash.GENESIS));
        for (int length = 0; length < bytes.length; length++) {
            RecordDecoding<TransactionRecord> decoding = RecordCodec.decode(Arrays.copyOf(bytes, length));
            assertThat(decoding)
                    .as("truncated to %d bytes", length)
                    .isInstanceOfSatisfying(RecordDecoding.Malformed.class, m -> assertThat(m.error())
                            .isEqualTo(DecodeError.TRUNCATED));
        }
    }

    @Test
    void aByteAfterTheRecordIsRefusedAsTrailing() {
        byte[] bytes = RecordCodec.encode(RecordExamples.sale(1, RecordHash.GENESIS));
        assertError(Arrays.copyOf(bytes, bytes.length + 1), DecodeError.TRAILING_BYTES);
    }

    @Test
    void inputLongerThanAnyRecordIsRefusedWithoutParsing() {
        assertError(new byte[RecordCodec.MAX_SIGNED_LENGTH + 1], DecodeError.TRAILING_BYTES);
        assertThat(RecordCodec.decodeSigned(new byte[RecordCodec.MAX_ENCODED_LENGTH + 1]))
                .isInstanceOfSatisfying(RecordDecoding.Malformed.class, m -> assertThat(m.error())
                        .isEqualTo(DecodeError.TRAILING_BYTES));
    }

    @Test
    void missingOrShortWireBytesAreTruncated() {
        assertThat(RecordCodec.decode(null)).isInstanceOf(RecordDecoding.Malformed.class);
        assertThat(RecordCodec.decodeSigned(null)).isInstanceOf(RecordDecoding.Malformed.class);
        assertThat(RecordCodec.decodeSigned(new byte[RecordCodec.MIN_ENCODED_LENGTH - 1]))
                .isInstanceOfSatisfying(RecordDecoding.Malformed.class, m -> assertThat(m.error())
                        .isEqualTo(DecodeError.TRUNCATED));
    }

    @Test
    void anotherVersionIsUnsupported() {
        byte[] bytes = sale();
        bytes[RecordCodec.OFFSET_VERSION] = 2;
        assertError(bytes, DecodeError.UNSUPPORTED_VERSION);
        bytes[RecordCodec.OFFSET_VERSION] = 0;
        assertError(bytes, DecodeError.UNSUPPORTED_VERSION);
    }

    @Test
    void unknownKindAuthorityPaymentAndFlagCodesAreRefused() {
        byte[] kind = sale();
        kind[RecordCodec.OFFSET_KIND] = 0;
        assertError(kind, DecodeError.UNKNOWN_CODE);
        kind[RecordCodec.OFFSET_KIND] = 11;
        assertError(kind, DecodeError.UNKNOWN_CODE);

        byte[] authority = sale();
        authority[RecordCodec.OFFSET_AUTHORITY] = 4;
        assertError(authority, DecodeError.UNKNOWN_CODE);

        byte[] flags = sale();
        flags[RecordCodec.OFFSET_FLAGS] |= 0x10;
        assertError(flags, DecodeError.UNKNOWN_CODE);

        byte[] payment = RecordCodec.encode(RecordExamples.topUp(1, RecordHash.GENESIS));
        int paymentOffset = payment.length - 2;
        assertThat(payment[paymentOffset]).isEqualTo((byte) PaymentMethod.CASH.code());
        payment[paymentOffset] = 9;
        assertError(payment, DecodeError.UNKNOWN_CODE);
    }

    @Test
    void wristbandUidLengthOutsideZeroOrFourToTenIsABadLength() {
        for (int length : new int[] {1, 3, 11, 255}) {
            byte[] bytes = sale();
            bytes[RecordCodec.OFFSET_UID_LENGTH] = (byte) length;
            assertError(bytes, DecodeError.BAD_LENGTH);
        }
    }

    @Test
    void lineCountAndProductCodeLengthOutOfRangeAreBadLengths() {
        TransactionRecord record = RecordExamples.sale(1, RecordHash.GENESIS);
        byte[] bytes = RecordCodec.encode(record);
        int lineCountOffset = lineCountOffset(record);
        assertThat(bytes[lineCountOffset]).isEqualTo((byte) 2);

        byte[] tooManyLines = bytes.clone();
        tooManyLines[lineCountOffset] = 65;
        assertError(tooManyLines, DecodeError.BAD_LENGTH);

        byte[] emptyCode = bytes.clone();
        emptyCode[lineCountOffset + 1] = 0;
        assertError(emptyCode, DecodeError.BAD_LENGTH);

        byte[] longCode = bytes.clone();
        longCode[lineCountOffset + 1] = 17;
        assertError(longCode, DecodeError.BAD_LENGTH);
    }

    @Test
    void wellFormedBytesBreakingARuleAreBadValues() {
        TransactionRecord record = RecordExamples.sale(1, RecordHash.GENESIS);
        int amountOffset = lineCountOffset(record) - 9;

        byte[] sequenceZero = RecordCodec.encode(record);
        Arrays.fill(sequenceZero, RecordCodec.OFFSET_SEQUENCE, RecordCodec.OFFSET_SEQUENCE + 8, (byte) 0);
        assertError(sequenceZero, DecodeError.BAD_VALUE);

        byte[] negativeAmount = RecordCodec.encode(record);
        negativeAmount[amountOffset] = (byte) 0x80;
        assertError(negativeAmount, DecodeError.BAD_VALUE);

        byte[] amountNotSumOfLines = RecordCodec.encode(record);
        amountNotSumOfLines[amountOffset + 7]++;
        assertError(amountNotSumOfLines, DecodeError.BAD_VALUE);

        byte[] lowerCaseCurrency = RecordCodec.encode(record);
        lowerCaseCurrency[amountOffset - 3] = 'e';
        assertError(lowerCaseCurrency, DecodeError.BAD_VALUE);

        byte[] lowerCaseProduct = RecordCodec.encode(record);
        lowerCaseProduct[lineCountOffset(record) + 2] = 'b';
        assertError(lowerCaseProduct, DecodeError.BAD_VALUE);

        byte[] zeroQuantity = RecordCodec.encode(record);
        int quantityOffset = lineCountOffset(record) + 2 + "BEER-50".length();
        zeroQuantity[quantityOffset] = 0;
        zeroQuantity[quantityOffset + 1] = 0;
        assertError(zeroQuantity, DecodeError.BAD_VALUE);

        byte[] counterBackwards = RecordCodec.encode(record);
        int chipOffset = RecordCodec.OFFSET_UID_LENGTH + 1 + 7 + 16;
        counterBackwards[chipOffset] = 1;
        assertError(counterBackwards, DecodeError.BAD_VALUE);

        byte[] saleWithPayment = RecordCodec.encode(record);
        saleWithPayment[lineCountOffset(record) - 1] = (byte) PaymentMethod.CASH.code();
        assertError(saleWithPayment, DecodeError.BAD_VALUE);
    }

    @Test
    void theLargestRecordFitsTheDocumentedMaximum() {
        TransactionRecord.Builder builder = RecordExamples.base(RecordKind.SALE, 1, RecordHash.GENESIS)
                .wristband(WristbandUid.of(new byte[10]))
                .wallet(RecordExamples.WALLET)
                .ticket(RecordExamples.TICKET)
                .chip(ChipCounters.of(0, ChipCounters.MAX));
        for (int i = 0; i < TransactionRecord.MAX_LINES; i++) {
            builder.line("PRODUCT-CODE-%03d".formatted(i).substring(0, 16), 999, Money.eur(1));
        }
        TransactionRecord record =
                builder.amount(Money.eur(999L * TransactionRecord.MAX_LINES)).build();
        byte[] bytes = RecordCodec.encode(record);
        // the largest record has every optional part; a sale cannot reference, so 16 bytes less
        assertThat(bytes.length).isEqualTo(RecordCodec.MAX_SIGNED_LENGTH - 16);
        assertThat(RecordCodec.decode(bytes)).isEqualTo(new RecordDecoding.Decoded<>(record));
    }

    private static int lineCountOffset(TransactionRecord record) {
        byte[] bytes = RecordCodec.encode(record);
        int linesLength = 0;
        for (SaleLine line : record.lines()) {
            linesLength += 1 + line.productCode().length() + 2 + 8;
        }
        return bytes.length - linesLength - 1;
    }

    private static byte[] sale() {
        return RecordCodec.encode(RecordExamples.sale(1, RecordHash.GENESIS));
    }

    private static void assertError(byte[] bytes, DecodeError expected) {
        assertThat(RecordCodec.decode(bytes))
                .isInstanceOfSatisfying(
                        RecordDecoding.Malformed.class,
                        m -> assertThat(m.error()).as("%s", m.detail()).isEqualTo(expected));
    }
}
