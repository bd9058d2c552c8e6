package io.fcs.central.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Multi-row {@code INSERT ... VALUES (...), (...), ...}: one statement for many rows instead of
 * one statement per row (decision 0240). Plain SQL that PostgreSQL and H2 both take; rows go in
 * statements of at most {@link #MAX_ROWS} rows (and below the drivers' parameter limits).
 */
public final class MultiRow {

    /** Most rows per statement. */
    public static final int MAX_ROWS = 500;

    private static final int MAX_PARAMETERS = 30_000;

    private MultiRow() {}

    /**
     * Inserts {@code rows} with {@code head} ({@code INSERT INTO t (a, b, c)}) and an optional
     * {@code tail} ({@code ON CONFLICT DO NOTHING}); answers how many rows the database inserted.
     */
    public static int insert(JdbcTemplate template, String head, String tail, List<Object[]> rows) {
        return run(template, head, tail, rows, null);
    }

    /** The rows one statement takes at most, for rows of {@code columns} values. */
    public static int rowsPerStatement(int columns) {
        return Math.max(1, Math.min(MAX_ROWS, MAX_PARAMETERS / columns));
    }

    /**
     * {@link #insert} whose {@code tail} ends in {@code RETURNING …} (PostgreSQL): every returned
     * row goes to {@code returned}; answers how many rows came back.
     */
    public static int insertReturning(
            JdbcTemplate template, String head, String tail, List<Object[]> rows, RowCallbackHandler returned) {
        return run(template, head, tail, rows, returned);
    }

    private static int run(
            JdbcTemplate template, String head, String tail, List<Object[]> rows, RowCallbackHandler returned) {
        if (rows.isEmpty()) {
            return 0;
        }
        int columns = rows.getFirst().length;
        int perStatement = rowsPerStatement(columns);
        String tuple = "(" + "?, ".repeat(columns - 1) + "?)";
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + perStatement));
            StringBuilder sql = new StringBuilder(head.length() + slice.size() * (tuple.length() + 2) + 40);
            sql.append(head).append(" VALUES ");
            List<Object> args = new ArrayList<>(slice.size() * columns);
            for (int r = 0; r < slice.size(); r++) {
                Object[] row = slice.get(r);
                if (row.length != columns) {
                    throw new IllegalArgumentException(
                            "row " + (from + r) + " has " + row.length + " values, not " + columns);
                }
                if (r > 0) {
                    sql.append(", ");
                }
                sql.append(tuple);
                args.addAll(java.util.Arrays.asList(row));
            }
            if (tail != null && !tail.isBlank()) {
                sql.append(' ').append(tail);
            }
            if (returned == null) {
                inserted += template.update(sql.toString(), args.toArray());
            } else {
                int[] count = {0};
                template.query(
                        sql.toString(),
                        rs -> {
                            count[0]++;
                            returned.processRow(rs);
                        },
                        args.toArray());
                inserted += count[0];
            }
        }
        return inserted;
    }
}
