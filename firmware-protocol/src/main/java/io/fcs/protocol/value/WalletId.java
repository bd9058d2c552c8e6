package io.fcs.protocol.value;

import java.util.Objects;
import java.util.UUID;

/** A cashless wallet (one per attendee per festival); wristbands point at it. */
public record WalletId(UUID value) {

    public WalletId {
        Objects.requireNonNull(value, "WalletId value");
    }

    public static WalletId of(UUID value) {
        return new WalletId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static WalletId parse(String text) {
        return new WalletId(Ids.parseUuid("WalletId", text));
    }

    public static WalletId random() {
        return new WalletId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
