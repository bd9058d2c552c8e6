package io.fcs.central.payment;

import java.util.UUID;

/**
 * A card refund reached a new state (DONE, FAILED, RETRIED, TRANSFERRED, WRITTEN_OFF), published in
 * the transaction that changed it, so what caused the refund (a wallet's post-event refund) can
 * follow.
 */
public record CardRefundSettled(UUID refundId, String source, UUID sourceId, String status) {}
