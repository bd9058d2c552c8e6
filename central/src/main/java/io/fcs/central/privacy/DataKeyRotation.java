package io.fcs.central.privacy;

import io.fcs.central.config.PersonalData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts personal data at rest under the active data key after a rotation (decision 0221).
 * Every encrypted column is listed in {@link #COLUMNS}; a run walks each column, key by key, in
 * batches (one transaction each), decrypts a value under an older configured key and writes it
 * under the active key with a conditional update (the row keeps a newer value written meanwhile).
 * The state is the data itself, so a run that stops (crash, bound reached) is simply run again.
 * A value that does not decrypt (tampered, or under a key no longer configured) is counted and
 * left as it is; its key is then never reported retirable.
 */
@Service
public class DataKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRotation.class);

    public static final int MAX_BATCH = 5_000;
    public static final long MAX_ROWS = 1_000_000;

    /** One encrypted column and the primary key of its table. */
    record Column(String table, List<String> keys, String column) {
        String name() {
            return table + "." + column;
        }
    }

    /** Every column holding a value of {@link PersonalData} (names, e-mails, messages, key seeds). */
    static final List<Column> COLUMNS = List.of(
            new Column("app_user", List.of("id"), "email_enc"),
            new Column("app_user", List.of("id"), "name_enc"),
            new Column("ticket", List.of("id"), "holder_name_enc"),
            new Column("ticket_key", List.of("festival_id", "key_id"), "private_key_enc"),
            new Column("portal_support_request", List.of("id"), "name_enc"),
            new Column("portal_support_request", List.of("id"), "email_enc"),
            new Column("portal_support_request", List.of("id"), "message_enc"));

    /**
     * Where the data stands: values per configured key id ({@code unknownKey} for values under no
     * configured key), the older keys no value is left under (safe to remove from
     * {@code CENTRAL_DATA_KEY}), and what this run did.
     */
    public record Report(
            String activeKeyId,
            List<String> configuredKeyIds,
            Map<String, Long> valuesByKey,
            long valuesUnderUnknownKey,
            List<String> retirableKeyIds,
            boolean complete,
            long reencrypted,
            long failed) {}

    private final JdbcClient jdbc;
    private final PersonalData keys;
    private final TransactionTemplate tx;

    public DataKeyRotation(JdbcClient jdbc, PersonalData keys, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Counts only; changes nothing. */
    public Report status() {
        return report(0, 0);
    }

    /**
     * Re-encrypts up to {@code maxRows} values under older keys, {@code batchSize} per transaction,
     * and answers the report after the run ({@code complete} when no value is left under an older
     * key). Bounds are checked by the caller (1..{@link #MAX_BATCH}, 1..{@link #MAX_ROWS}).
     */
    public Report reencrypt(int batchSize, long maxRows) {
        if (batchSize < 1 || batchSize > MAX_BATCH || maxRows < 1 || maxRows > MAX_ROWS) {
            throw new IllegalArgumentException("batch 1.." + MAX_BATCH + ", rows 1.." + MAX_ROWS);
        }
        String active = keys.activeKeyId();
        long budget = maxRows;
        long done = 0;
        long failed = 0;
        for (Column column : COLUMNS) {
            for (String keyId : keys.keyIds()) {
                if (keyId.equals(active)) {
                    continue;
                }
                long skipped = 0;
                while (budget > 0) {
                    int limit = (int) Math.min(batchSize, budget);
                    long offset = skipped;
                    long[] batch = tx.execute(s -> batch(column, keyId, offset, limit));
                    done += batch[0];
                    failed += batch[1];
                    skipped += batch[1];
                    budget -= batch[0] + batch[1];
                    if (batch[0] + batch[1] < limit) {
                        break;
                    }
                }
            }
        }
        if (done > 0 || failed > 0) {
            log.info("re-encrypted {} personal data values under key {}, {} did not decrypt", done, active, failed);
        }
        return report(done, failed);
    }

    /** One transaction: {re-encrypted, failed} of at most {@code limit} values of {@code keyId}. */
    private long[] batch(Column column, String keyId, long offset, int limit) {
        String prefix = "v1:" + keyId + ":";
        String keyList = String.join(", ", column.keys());
        List<List<Object>> rows = jdbc.sql("select " + keyList + ", " + column.column() + " from " + column.table()
                        + " where substr(" + column.column() + ", 1, " + prefix.length() + ") = ? order by "
                        + keyList + " offset " + offset + " rows fetch next " + limit + " rows only")
                .param(prefix)
                .query((rs, n) -> {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= column.keys().size() + 1; i++) {
                        row.add(rs.getObject(i));
                    }
                    return row;
                })
                .list();
        String where =
                String.join(" and ", column.keys().stream().map(k -> k + " = ?").toList());
        String update = "update " + column.table() + " set " + column.column() + " = ? where " + where + " and "
                + column.column() + " = ?";
        long done = 0;
        long failed = 0;
        for (List<Object> row : rows) {
            String stored = (String) row.getLast();
            String fresh;
            try {
                fresh = keys.reencrypt(stored);
            } catch (IllegalStateException | IllegalArgumentException broken) {
                log.warn("a value of {} under key {} does not decrypt: {}", column.name(), keyId, broken.getMessage());
                failed++;
                continue;
            }
            List<Object> params = new ArrayList<>();
            params.add(fresh);
            params.addAll(row.subList(0, row.size() - 1));
            params.add(stored);
            jdbc.sql(update).params(params).update();
            done++;
        }
        return new long[] {done, failed};
    }

    private Report report(long done, long failed) {
        Map<String, Long> byKey = new LinkedHashMap<>();
        for (String keyId : keys.keyIds()) {
            byKey.put(keyId, 0L);
        }
        long unknown = 0;
        for (Column column : COLUMNS) {
            long all = jdbc.sql("select count(*) from " + column.table() + " where " + column.column() + " is not null")
                    .query(Long.class)
                    .single();
            long known = 0;
            for (String keyId : keys.keyIds()) {
                String prefix = "v1:" + keyId + ":";
                long n = jdbc.sql("select count(*) from " + column.table() + " where substr(" + column.column()
                                + ", 1, " + prefix.length() + ") = ?")
                        .param(prefix)
                        .query(Long.class)
                        .single();
                byKey.merge(keyId, n, Long::sum);
                known += n;
            }
            unknown += all - known;
        }
        String active = keys.activeKeyId();
        List<String> retirable = byKey.entrySet().stream()
                .filter(e -> !e.getKey().equals(active) && e.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList();
        boolean complete =
                byKey.entrySet().stream().allMatch(e -> e.getKey().equals(active) || e.getValue() == 0) && unknown == 0;
        return new Report(active, keys.keyIds(), byKey, unknown, retirable, complete, done, failed);
    }
}
