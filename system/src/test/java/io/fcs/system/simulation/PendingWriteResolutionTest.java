package io.fcs.system.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.OfflineAllowance;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a terminal tells, from the chip alone, whether a write it committed reached the wristband. */
class PendingWriteResolutionTest {

    private static final RecordId BASE = RecordId.of(new UUID(0, 1));
    private static final RecordId OURS = RecordId.of(new UUID(0, 2));
    private static final RecordId ELSEWHERE = RecordId.of(new UUID(0, 3));
    private static final RecordId LATER = RecordId.of(new UUID(0, 4));
    private static final SimTerminal.PendingWrite PENDING = new SimTerminal.PendingWrite(OURS, -550, 7, BASE);

    private static ChipState chip(long generation, RecordId last) {
        ChipContent content = new ChipContent(
                FestivalId.of(new UUID(1, 1)),
                WalletId.of(new UUID(2, 2)),
                Money.eur(1_000),
                last,
                Set.of(),
                OfflineAllowance.none(1, Currency.EUR));
        return new ChipState(generation, generation, TerminalId.of(new UUID(3, 3)), content);
    }

    @Test
    void aWriteLandedWhenTheChipNamesItsRecord() {
        assertThat(SimTerminal.resolve(PENDING, chip(8, OURS))).isEqualTo(SimTerminal.Resolution.LANDED);
    }

    @Test
    void aWriteDidNotLandWhenTheChipStillHoldsTheStateItWasComputedFrom() {
        assertThat(SimTerminal.resolve(PENDING, chip(7, BASE))).isEqualTo(SimTerminal.Resolution.NOT_LANDED);
    }

    @Test
    void aWriteDidNotLandWhenExactlyOneOtherWriteFollowedTheBaseState() {
        assertThat(SimTerminal.resolve(PENDING, chip(8, ELSEWHERE))).isEqualTo(SimTerminal.Resolution.NOT_LANDED);
    }

    @Test
    void twoLaterWritesElsewhereLeaveTheWriteUnknownForReconciliation() {
        assertThat(SimTerminal.resolve(PENDING, chip(9, LATER))).isEqualTo(SimTerminal.Resolution.UNKNOWN);
    }
}
