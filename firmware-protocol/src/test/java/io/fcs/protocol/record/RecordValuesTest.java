package io.fcs.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import org.junit.jupiter.api.Test;

class RecordValuesTest {

    private final RecordSigner signer = new RecordSigner(RecordExamples.TERMINAL_KEY);

    @Test
    void aRecordHashIsThirtyTwoBytesAndCannotBeChangedFromOutside() {
        byte[] bytes = new byte[32];
        bytes[0] = 7;
        RecordHash hash = RecordHash.of(bytes);
        bytes[0] = 8;
        hash.bytes()[0] = 9;

        assertThat(hash.bytes()[0]).isEqualTo((byte) 7);
        assertThat(RecordHash.parse(hash.toString())).isEqualTo(hash).hasSameHashCodeAs(hash);
        assertThat(RecordHash.GENESIS.isGenesis()).isTrue();
        assertThat(hash.isGenesis()).isFalse();
        assertThatThrownBy(() -> RecordHash.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordHash.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordHash.parse("00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordHash.parse("xyz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceRangesStartAtOneAndAreOrdered() {
        assertThat(SequenceRange.of(3, 5).size()).isEqualTo(3);
        assertThat(SequenceRange.of(3, 5).contains(5)).isTrue();
        assertThat(SequenceRange.of(3, 5).contains(6)).isFalse();
        assertThat(SequenceRange.of(4, 4)).hasToString("4");
        assertThat(SequenceRange.of(4, 9)).hasToString("4..9");
        assertThatThrownBy(() -> SequenceRange.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SequenceRange.of(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecodingGivesItsValueOrThrowsWithTheReason() {
        TransactionRecord record = RecordExamples.sale(1, RecordHash.GENESIS);

        assertThat(RecordCodec.decode(RecordCodec.encode(record)).orElseThrow()).isEqualTo(record);
        assertThatThrownBy(() -> RecordCodec.decode(new byte[] {1, 2}).orElseThrow())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TRUNCATED");
    }

    @Test
    void signedRecordsAreEqualByTheirBytesAndHandOutCopies() {
        SignedRecord one = signer.sign(RecordExamples.sale(1, RecordHash.GENESIS));
        SignedRecord again = signer.sign(RecordExamples.sale(1, RecordHash.GENESIS));
        SignedRecord byOtherKey = new RecordSigner(RecordExamples.OTHER_KEY).sign(one.record());

        assertThat(one).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(byOtherKey);
        assertThat(one.version()).isEqualTo(RecordCodec.VERSION);
        one.signature()[0] ^= 1;
        one.signedBytes()[0] ^= 1;
        assertThat(one).isEqualTo(again);
        assertThat(one.isSignedBy(signer.verificationKey())).isTrue();
        assertThat(one.isSignedBy(RecordExamples.OTHER_KEY.verificationKey())).isFalse();
        assertThat(one.toString()).contains("SALE").contains("#1").doesNotContain(Bytes.hex(one.signature()));
    }
}
