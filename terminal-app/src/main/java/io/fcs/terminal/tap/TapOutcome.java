package io.fcs.terminal.tap;

import io.fcs.protocol.value.Money;
import java.util.Objects;

/** What a wristband tap for money (sale, top-up, void) came to. */
public sealed interface TapOutcome permits TapOutcome.Approved, TapOutcome.Refused {

    /** Who said yes: the zone's edge in real time, or this terminal alone within the offline allowance. */
    enum Authority {
        EDGE,
        OFFLINE
    }

    /** Why a tap did not go through; each one has its own clear screen. */
    enum Reason {
        /** nobody tapped before the wait ended. */
        NO_WRISTBAND,
        INSUFFICIENT_FUNDS,
        /** on the deny list, or blocked by the edge (lost, stolen, counter fork). */
        BLOCKED,
        /** the chip write was interrupted: the sale is recorded, tap again to finish writing. */
        TAP_AGAIN,
        /** the chip's signed state does not verify. */
        FORGED,
        /** a second chip with the same state: blocked. */
        CLONED,
        /** the chip's counter went backwards (a restored dump): blocked. */
        ROLLED_BACK,
        /** a wristband that was never issued (no state on it). */
        BLANK,
        UNREADABLE,
        /** offline and this wristband's offline allowance is used up. */
        OFFLINE_LIMIT,
        /**
         * offline, and this is a plain NTAG21x wristband (clonable, no per-chip secret): it pays
         * only through the edge unless the configuration gives such wristbands an allowance.
         */
        ONLINE_ONLY,
        /**
         * offline, and the terminal's clock is too far from the edge's (or behind the period the
         * wristband was last used offline in): no offline sale until the clock is right.
         */
        CLOCK_WRONG,
        READER_UNAVAILABLE,
        /** the local store cannot record: nothing was charged. */
        STORE_FAILED,
        /** a void or refund refers to a record that cannot be undone here. */
        NOT_VOIDABLE,
        /** the card payment for a top-up was declined: nothing was taken, nothing credited. */
        PAYMENT_DECLINED,
        /** a cash top-up needs an open cash drawer. */
        DRAWER_CLOSED
    }

    /** The money moved, and the chip now holds {@code newBalance}. */
    record Approved(
            String uid,
            Money amount,
            Money newBalance,
            Authority authority,
            String recordId,
            long sequence,
            Money loaded)
            implements TapOutcome {
        public Approved {
            Objects.requireNonNull(uid, "uid");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(newBalance, "newBalance");
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(recordId, "recordId");
            loaded = loaded == null ? Money.zero(amount.currency()) : loaded;
        }

        /** A tap that loaded no pending credit. */
        public Approved(
                String uid, Money amount, Money newBalance, Authority authority, String recordId, long sequence) {
            this(uid, amount, newBalance, authority, recordId, sequence, null);
        }

        /** The same outcome, telling that pending credits of {@code loaded} went onto the chip first. */
        public Approved withLoaded(Money loaded) {
            return new Approved(uid, amount, newBalance, authority, recordId, sequence, loaded);
        }
    }

    /** Nothing was charged (except for {@link Reason#TAP_AGAIN}, where the sale stands and the chip is finished on the next tap). */
    record Refused(Reason reason, String uid, String detail) implements TapOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        public static Refused of(Reason reason) {
            return new Refused(reason, null, "");
        }
    }
}
