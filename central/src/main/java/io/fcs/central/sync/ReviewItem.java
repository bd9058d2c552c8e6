package io.fcs.central.sync;

import java.time.Instant;
import java.util.UUID;

/** Something finance should look at, with what is known about it. */
public record ReviewItem(
        UUID id,
        UUID festivalId,
        ReviewKind kind,
        String status,
        UUID terminalId,
        Long sequence,
        UUID recordId,
        UUID walletId,
        String uid,
        Long amountCents,
        String currency,
        String detail,
        Instant createdAt,
        Instant resolvedAt,
        String resolution) {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";
}
