package io.fcs.protocol.bench;

/** Message sizes the raw benchmarks use, so raw and protocol figures compare like with like. */
final class BenchSizes {

    /** A ticket body with initials (TicketCodec.MAX_BODY_LENGTH). */
    static final int TICKET_BODY = 53;

    private BenchSizes() {}
}
