package io.fcs.protocol.record;

import static io.fcs.protocol.record.RecordExamples.TERMINAL;
import static io.fcs.protocol.record.RecordExamples.TERMINAL_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalChainTest {

    private final RecordSigner signer = new RecordSigner(TERMINAL_KEY);
    private final List<SignedRecord> records = RecordExamples.chain(signer, 6);
    private final TerminalChain chain = TerminalChain.start(TERMINAL);

    @Test
    void recordsInOrderContinueTheChainAndMoveTheWatermark() {
        for (SignedRecord record : records) {
            ChainStep step = chain.accept(record);
            assertThat(step.status()).isEqualTo(ChainStatus.CONTINUES);
            assertThat(step.watermark()).isEqualTo(record.record().sequence());
        }
        assertThat(chain.watermark()).isEqualTo(6);
        assertThat(chain.head()).isEqualTo(records.get(5).hash());
        assertThat(chain.gaps()).isEmpty();
    }

    @Test
    void aNewChainWaitsForSequenceOneLinkedToGenesis() {
        assertThat(chain.watermark()).isZero();
        assertThat(chain.head()).isEqualTo(RecordHash.GENESIS);
    }

    @Test
    void theSameBytesAgainAreADuplicateThatChangesNothing() {
        chain.accept(records.get(0));
        chain.accept(records.get(2));

        assertThat(chain.accept(records.get(0)).status()).isEqualTo(ChainStatus.DUPLICATE);
        assertThat(chain.accept(records.get(2)).status()).isEqualTo(ChainStatus.DUPLICATE);
        assertThat(chain.watermark()).isEqualTo(1);
        assertThat(chain.gaps()).containsExactly(SequenceRange.of(2, 2));
    }

    @Test
    void aRecordAfterAHoleIsAGapListingTheMissingSequences() {
        chain.accept(records.get(0));
        ChainStep step = chain.accept(records.get(4));

        assertThat(step.status()).isEqualTo(ChainStatus.GAP);
        assertThat(step.watermark()).isEqualTo(1);
        assertThat(chain.gaps()).containsExactly(SequenceRange.of(2, 4));
        assertThat(chain.highestSequence()).isEqualTo(5);
    }

    @Test
    void fillingTheHoleMovesTheWatermarkOverEveryHeldRecord() {
        chain.accept(records.get(0));
        chain.accept(records.get(3));
        chain.accept(records.get(2));
        chain.accept(records.get(5));

        ChainStep step = chain.accept(records.get(1));

        assertThat(step.status()).isEqualTo(ChainStatus.CONTINUES);
        assertThat(step.watermark()).isEqualTo(4);
        assertThat(chain.gaps()).containsExactly(SequenceRange.of(5, 5));
        assertThat(chain.head()).isEqualTo(records.get(3).hash());
    }

    @Test
    void twoRecordsClaimingOneParentAreAFork() {
        chain.accept(records.get(0));
        chain.accept(records.get(1));
        SignedRecord rival = signer.sign(RecordExamples.topUp(2, records.get(0).hash()));

        ChainStep step = chain.accept(rival);

        assertThat(step.status()).isEqualTo(ChainStatus.FORK);
        assertThat(step.status().alert()).isTrue();
        assertThat(chain.watermark()).isEqualTo(2);
        assertThat(chain.head()).isEqualTo(records.get(1).hash());
    }

    @Test
    void aRecordClaimingAnAcceptedParentUnderAnotherSequenceIsAFork() {
        chain.accept(records.get(0));
        chain.accept(records.get(1));
        SignedRecord replay = signer.sign(RecordExamples.sale(9, records.get(0).hash()));

        assertThat(chain.accept(replay).status()).isEqualTo(ChainStatus.FORK);
        assertThat(chain.gaps()).isEmpty();
    }

    @Test
    void theSameSequenceWithOtherBytesAndAnotherParentIsAConflict() {
        chain.accept(records.get(0));
        chain.accept(records.get(1));
        SignedRecord other = signer.sign(RecordExamples.sale(2, RecordHash.parse("11".repeat(32))));

        assertThat(chain.accept(other).status()).isEqualTo(ChainStatus.CONFLICT);
    }

    @Test
    void aRecordIdReusedAtAnotherSequenceIsAConflict() {
        chain.accept(records.get(0));
        TransactionRecord reused = RecordExamples.sale(2, records.get(0).hash()).toBuilder()
                .id(records.get(0).record().id())
                .build();

        assertThat(chain.accept(signer.sign(reused)).status()).isEqualTo(ChainStatus.CONFLICT);
        assertThat(chain.watermark()).isEqualTo(1);
    }

    @Test
    void aRecordNotLinkingToItsAcceptedPredecessorIsABrokenLink() {
        chain.accept(records.get(0));
        SignedRecord unlinked = signer.sign(RecordExamples.sale(2, RecordHash.parse("22".repeat(32))));

        assertThat(chain.accept(unlinked).status()).isEqualTo(ChainStatus.BROKEN_LINK);
        assertThat(chain.gaps()).isEmpty();
        assertThat(chain.watermark()).isEqualTo(1);
    }

    @Test
    void aFirstRecordNotNamingGenesisIsABrokenLink() {
        SignedRecord first = signer.sign(RecordExamples.sale(1, RecordHash.parse("33".repeat(32))));

        assertThat(chain.accept(first).status()).isEqualTo(ChainStatus.BROKEN_LINK);
        assertThat(chain.watermark()).isZero();
    }

    @Test
    void aRecordWhoseAcceptedSuccessorNamesAnotherHashIsABrokenLink() {
        chain.accept(records.get(0));
        chain.accept(records.get(2));
        SignedRecord impostor =
                signer.sign(RecordExamples.topUp(2, records.get(0).hash()));

        assertThat(chain.accept(impostor).status()).isEqualTo(ChainStatus.BROKEN_LINK);
        assertThat(chain.watermark()).isEqualTo(1);
        assertThat(chain.accept(records.get(1)).status()).isEqualTo(ChainStatus.CONTINUES);
        assertThat(chain.watermark()).isEqualTo(3);
    }

    @Test
    void anotherTerminalsRecordIsRefused() {
        TransactionRecord foreign = RecordExamples.sale(1, RecordHash.GENESIS).toBuilder()
                .terminal(RecordExamples.OTHER_TERMINAL)
                .build();

        assertThat(chain.accept(signer.sign(foreign)).status()).isEqualTo(ChainStatus.WRONG_TERMINAL);
    }

    @Test
    void aResumedChainAnswersStaleAtOrBelowItsWatermarkAndLinksToItsHead() {
        TerminalChain resumed = TerminalChain.resume(TERMINAL, 3, records.get(2).hash());

        assertThat(resumed.accept(records.get(1)).status()).isEqualTo(ChainStatus.STALE);
        assertThat(resumed.accept(records.get(2)).status()).isEqualTo(ChainStatus.STALE);
        assertThat(resumed.accept(records.get(3)).status()).isEqualTo(ChainStatus.CONTINUES);
        assertThat(resumed.watermark()).isEqualTo(4);

        TerminalChain wrongHead =
                TerminalChain.resume(TERMINAL, 3, records.get(1).hash());
        assertThat(wrongHead.accept(records.get(3)).status()).isEqualTo(ChainStatus.BROKEN_LINK);
    }

    @Test
    void aChainCannotResumeAtZeroWithAHeadOtherThanGenesisNorBelowZero() {
        assertThatThrownBy(
                        () -> TerminalChain.resume(TERMINAL, 0, records.get(0).hash()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TerminalChain.resume(TERMINAL, -1, RecordHash.GENESIS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusCodesRoundTrip() {
        for (ChainStatus status : ChainStatus.values()) {
            assertThat(ChainStatus.fromCode(status.code())).isEqualTo(status);
        }
        assertThatThrownBy(() -> ChainStatus.fromCode(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
