package io.fcs.protocol.record;

import java.util.Objects;

/**
 * The classification of one record fed to a {@link TerminalChain}.
 *
 * @param status how the record fits
 * @param sequence the record's sequence
 * @param watermark the chain's watermark after this record (highest contiguous sequence)
 * @param detail for logs and alerts
 */
public record ChainStep(ChainStatus status, long sequence, long watermark, String detail) {

    public ChainStep {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }
}
