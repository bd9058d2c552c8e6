package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Credits waiting to be loaded onto wristbands (online top-ups, refunds of a failed sale),
 * versioned: the full set pending at {@code version}. A credit disappears from the next version
 * once a terminal's record reports it loaded. Credit ids are unique.
 */
public record PendingCredits(long version, List<Credit> credits) implements Message {

    public static final int MAX_CREDITS = 1_000_000;

    public PendingCredits {
        Fields.version("version", version);
        credits = Fields.list("credits", credits, MAX_CREDITS);
        Set<UUID> seen = new HashSet<>();
        for (Credit credit : credits) {
            if (!seen.add(credit.creditId())) {
                throw new IllegalArgumentException("credit " + credit.creditId() + " appears twice");
            }
        }
    }

    /** One pending credit: positive amount for one wallet. */
    public record Credit(UUID creditId, WalletId walletId, Money amount) {
        public Credit {
            Objects.requireNonNull(creditId, "creditId");
            Objects.requireNonNull(walletId, "walletId");
            if (!Objects.requireNonNull(amount, "amount").isPositive()) {
                throw new IllegalArgumentException("a pending credit is positive, was " + amount);
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.PENDING_CREDITS;
    }
}
