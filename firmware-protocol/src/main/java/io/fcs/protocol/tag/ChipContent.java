package io.fcs.protocol.tag;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.WalletId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a terminal decides to put on a wristband: the wallet, its balance after the transaction,
 * the record that produced it, flags and the offline allowance. The session adds what binds it
 * to the chip (generation, counter, writer) and signs it as a {@link ChipState}.
 */
public record ChipContent(
        FestivalId festival,
        WalletId wallet,
        Money balance,
        RecordId lastRecord,
        Set<ChipFlag> flags,
        OfflineAllowance offline) {

    public ChipContent {
        Objects.requireNonNull(festival, "festival");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(lastRecord, "lastRecord");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(offline, "offline");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (!offline.remaining().currency().equals(balance.currency())) {
            throw new IllegalArgumentException(
                    "offline allowance in " + offline.remaining().currency() + " but balance in " + balance.currency());
        }
    }

    public boolean has(ChipFlag flag) {
        return flags.contains(flag);
    }

    public ChipContent withBalance(Money newBalance, RecordId record) {
        return new ChipContent(festival, wallet, newBalance, record, flags, offline);
    }

    public ChipContent withFlags(Set<ChipFlag> newFlags) {
        return new ChipContent(festival, wallet, balance, lastRecord, newFlags, offline);
    }

    public ChipContent withOffline(OfflineAllowance newOffline) {
        return new ChipContent(festival, wallet, balance, lastRecord, flags, newOffline);
    }
}
