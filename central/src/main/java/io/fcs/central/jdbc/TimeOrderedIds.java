package io.fcs.central.jdbc;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Ids for rows written at a high rate and read or updated soon after (ticket orders, tickets,
 * payments): UUID version 7 (RFC 9562 §5.7), a millisecond Unix timestamp in the first 48 bits, then
 * version, 74 random bits and the variant. Ids made close together sort close together, so their
 * index entries land in the few index pages written last instead of anywhere in the tree: an insert
 * or an update shortly after it changes a handful of pages per commit, not one page per row
 * (decision 0264).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    unix_ts_ms (48 bits)                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          unix_ts_ms           |  ver (7)  |  rand_a (12 bits) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |var|                 rand_b (62 bits)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          rand_b                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The random bits keep ids unguessable (74 bits); an id tells the millisecond it was made, which
 * is no secret for these rows (they carry their creation time anyway).
 */
public final class TimeOrderedIds {

    private static final int VERSION = 7;
    private static final long VERSION_BITS = (long) VERSION << 12;
    private static final long VARIANT_BITS = 0x8000_0000_0000_0000L;
    private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    /** A new id: this moment's millisecond, then random bits. */
    public UUID next() {
        long millis = clock.millis();
        if (millis < 0 || millis >= 1L << 48) {
            throw new IllegalStateException("clock outside the 48-bit millisecond range of UUIDv7: " + millis);
        }
        long randA = RANDOM.nextInt(1 << 12);
        long randB = RANDOM.nextLong() & RAND_B_MASK;
        long high = (millis << 16) | VERSION_BITS | randA;
        long low = VARIANT_BITS | randB;
        return new UUID(high, low);
    }

    /** The millisecond a version-7 id was made (for tests and diagnostics). */
    public static long millisOf(UUID id) {
        if (id.version() != VERSION) {
            throw new IllegalArgumentException("not a time-ordered (version 7) id: " + id);
        }
        return id.getMostSignificantBits() >>> 16;
    }
}
