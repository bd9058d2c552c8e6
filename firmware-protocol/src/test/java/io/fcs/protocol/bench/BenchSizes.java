package io.fcs.protocol.bench;

/** Message sizes the raw benchmarks use, so raw and protocol figures compare like with like. */
final class BenchSizes {

    /** A ticket body with initials (TicketCodec.MAX_BODY_LENGTH). */
    static final int TICKET_BODY = 53;

    /** A sale record's signed bytes with a seven-byte UID and one line (about what bars sign). */
    static final int RECORD_BODY = 170;

    private BenchSizes() {}
}
