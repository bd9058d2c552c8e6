package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The edge's answer to an {@link AuthorisationRequest}, matched by correlation id.
 *
 * @param walletId the wallet the edge resolved the wristband to, when known
 * @param balanceAfter the authoritative balance after this operation (the current balance when
 *     not approved), when the wallet is known
 * @param pendingCredit credit waiting to be loaded onto the chip with this tap (online top-ups),
 *     with the ids of the credits it sums, so the terminal's record names what it loaded
 * @param offlineAllowance what the wristband may still spend offline in the current period
 */
public record AuthorisationAnswer(
        UUID correlationId,
        AuthorisationOutcome outcome,
        Optional<WalletId> walletId,
        Optional<Money> balanceAfter,
        Optional<PendingCredit> pendingCredit,
        Optional<Money> offlineAllowance)
        implements Message {

    public static final int MAX_CREDIT_IDS = 0xFF;

    public AuthorisationAnswer {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(balanceAfter, "balanceAfter");
        Objects.requireNonNull(pendingCredit, "pendingCredit");
        Objects.requireNonNull(offlineAllowance, "offlineAllowance");
        offlineAllowance.ifPresent(allowance -> Fields.nonNegative("offlineAllowance", allowance));
    }

    /** Credit to load onto the chip: the sum and the pending credits it is made of. */
    public record PendingCredit(Money amount, List<UUID> creditIds) {
        public PendingCredit {
            if (!Objects.requireNonNull(amount, "amount").isPositive()) {
                throw new IllegalArgumentException("a pending credit is positive, was " + amount);
            }
            creditIds = Fields.list("creditIds", creditIds, MAX_CREDIT_IDS);
            if (creditIds.isEmpty()) {
                throw new IllegalArgumentException("a pending credit names at least one credit id");
            }
        }
    }

    /** A refusal with nothing else to say (unknown wristband, try again, ...). */
    public static AuthorisationAnswer refused(UUID correlationId, AuthorisationOutcome outcome) {
        if (outcome.approved()) {
            throw new IllegalArgumentException("refused(...) needs a refusal outcome");
        }
        return new AuthorisationAnswer(
                correlationId, outcome, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public MessageType type() {
        return MessageType.AUTHORISATION_ANSWER;
    }
}
