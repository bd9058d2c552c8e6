package io.fcs.central.wallet;

import io.fcs.protocol.value.FestivalId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The change version of a festival: a counter that goes up by one with every transaction that
 * changes what edges replicate (wallet balances, wristbands, deny list). Taking the next version
 * locks the festival's row until commit, so versions become visible in the order they were
 * taken and an edge that asks "since N" never misses a change. Take it last in a transaction to
 * hold the lock briefly.
 */
@Component
public class ChangeVersions {

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;

    ChangeVersions(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * The bump of {@link #next} on PostgreSQL, answering the new version (no row when the festival
     * has none yet); one positional parameter, the festival's id. Also taken inside a statement
     * that stamps what it changes with it ({@code Wallets}).
     */
    static final String NEXT_RETURNED =
            "UPDATE festival_change SET version = version + 1 WHERE festival_id = ? RETURNING version";

    /** Bumps and answers the festival's version; must run inside the caller's transaction. */
    public long next(FestivalId festival) {
        if (io.fcs.central.jdbc.Dialect.postgres(template)) {
            // bumped and read in one round trip
            Optional<Long> bumped = jdbc.sql(NEXT_RETURNED)
                    .param(festival.value())
                    .query(Long.class)
                    .optional();
            if (bumped.isPresent()) {
                return bumped.get();
            }
        }
        int updated = jdbc.sql("UPDATE festival_change SET version = version + 1 WHERE festival_id = :f")
                .param("f", festival.value())
                .update();
        if (updated == 0) {
            int inserted = jdbc.sql(
                            "INSERT INTO festival_change (festival_id, version) VALUES (:f, 1) ON CONFLICT DO NOTHING")
                    .param("f", festival.value())
                    .update();
            if (inserted == 0) {
                jdbc.sql("UPDATE festival_change SET version = version + 1 WHERE festival_id = :f")
                        .param("f", festival.value())
                        .update();
            }
        }
        return current(festival);
    }

    /** The festival's latest committed version (0 before the first change). */
    public long current(FestivalId festival) {
        return jdbc.sql("SELECT version FROM festival_change WHERE festival_id = :f")
                .param("f", festival.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }
}
