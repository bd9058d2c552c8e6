package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements of the sync paths (every wallet poll, every acknowledgement of central, the
 * minute's sweep of holds whose record never came) read the few holds they are about through a
 * partial index, never every open hold: a zone holds tens of thousands of them while central is
 * slow or away, and a scan of them under the store's lock delays every tap's commit.
 */
class HoldQueriesTest {

    @TempDir
    Path dir;

    private static List<String> plan(Database db, String sql) {
        return db.inTransaction(c -> {
            List<String> steps = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                int parameters = ps.getParameterMetaData().getParameterCount();
                for (int i = 1; i <= parameters; i++) {
                    ps.setString(i, "0");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        steps.add(rs.getString("detail"));
                    }
                }
            }
            return steps;
        });
    }

    @Test
    void everySyncPathStatementSearchesItsPartialIndexAndNeverScansTheOpenHolds() {
        try (Database db = Database.open(dir)) {
            new WalletReplica(db, new DenyList(db));
            Map<String, String> indexOf = Map.of(
                    WalletReplica.ACKED_HOLDS, "hold_acked",
                    WalletReplica.SETTLE_ACKED_HOLDS, "hold_acked",
                    WalletReplica.TERMINALS_WITH_RECORDED_HOLDS, "hold_recorded",
                    WalletReplica.RECORDED_HOLDS_UNDER, "hold_recorded",
                    WalletReplica.SETTLE_RECORDED_HOLDS_UNDER, "hold_recorded",
                    WalletReplica.ACK_RECORDED_HOLDS, "hold_unacked",
                    WalletReplica.UNRECORDED_HOLDS_BEFORE, "hold_unrecorded");
            indexOf.forEach((sql, index) -> {
                List<String> steps = plan(db, sql);
                assertThat(steps).as(sql).anyMatch(step -> step.contains("INDEX " + index));
                assertThat(steps).as(sql).noneMatch(step -> step.contains("hold_open") || step.equals("SCAN hold"));
            });
        }
    }

    @Test
    void theOpenHoldsIndexIsNotWhatTheAcknowledgedHoldsQueryWouldPickUnforced() {
        // Without INDEXED BY, SQLite (no statistics on an edge box) takes the open-holds index for
        // "settled = 0 AND acked_at < ?", i.e. reads every open hold: the reason for the hint.
        try (Database db = Database.open(dir)) {
            new WalletReplica(db, new DenyList(db));
            String unforced = WalletReplica.ACKED_HOLDS.replace(" INDEXED BY hold_acked", "");
            assertThat(plan(db, unforced)).anyMatch(step -> step.contains("hold_open"));
        }
    }
}
