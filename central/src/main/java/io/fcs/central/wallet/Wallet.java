package io.fcs.central.wallet;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import java.util.Optional;
import java.util.UUID;

/**
 * A cashless wallet: one per attendee per festival, or one per anonymous wristband until someone
 * claims it. Its money is its ledger account; {@code chipBalance} is what the wristband is known to
 * carry (from the last record a terminal sent), so {@code pending = balance - chipBalance}.
 */
public record Wallet(
        WalletId id,
        FestivalId festival,
        Optional<UUID> owner,
        Currency currency,
        Status status,
        long chipBalance,
        long chipCounter,
        long offlineAllowance,
        long version) {

    public enum Status {
        ACTIVE,
        /** Paid out or donated after the event; nothing more can be spent. */
        CLOSED
    }
}
