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

    /** The SQL type of a column written from arrays ({@code unnest(?::uuid[], …)}) on PostgreSQL. */
    public enum Column {
        UUID("uuid"),
        TEXT("text"),
        INT("int4"),
        BIGINT("int8"),
        BOOL("bool"),
        BYTES("bytea"),
        TIMESTAMPTZ("timestamptz");

        private final String sqlType;

        Column(String sqlType) {
            this.sqlType = sqlType;
        }

        Object[] array(List<Object[]> rows, int column) {
            int n = rows.size();
            Object[] values =
                    switch (this) {
                        case UUID -> new java.util.UUID[n];
                        case TEXT, TIMESTAMPTZ -> new String[n];
                        case INT -> new Integer[n];
                        case BIGINT -> new Long[n];
                        case BOOL -> new Boolean[n];
                        case BYTES -> new byte[n][];
                    };
            Object lastTime = null; // a batch's rows mostly share their instants: format each once
            String lastText = null;
            for (int r = 0; r < n; r++) {
                Object value = rows.get(r)[column];
                if (value == null) {
                    values[r] = null;
                } else if (this == TIMESTAMPTZ) {
                    if (!value.equals(lastTime)) {
                        lastTime = value;
                        lastText = value instanceof java.time.OffsetDateTime time
                                ? time.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                : java.time.OffsetDateTime.ofInstant(
                                                (java.time.Instant) value, java.time.ZoneOffset.UTC)
                                        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    }
                    values[r] = lastText;
                } else {
                    values[r] = switch (this) {
                        case INT -> ((Number) value).intValue();
                        case BIGINT -> ((Number) value).longValue();
                        default -> value;
                    };
                }
            }
            return values;
        }
    }

    /**
     * {@link #insert}, on PostgreSQL as one {@code INSERT … SELECT * FROM unnest(?::uuid[], …)} with
     * one array parameter per column (decision 0273): the driver binds {@code columns.length} arrays
     * instead of a parameter per value, and every batch, whatever its size, runs the same statement
     * with one cached plan. Elsewhere (H2) the multi-row {@code VALUES} form.
     */
    public static int insert(
            JdbcTemplate template, String head, List<Column> columns, String tail, List<Object[]> rows) {
        if (!Dialect.postgres(template)) {
            return insert(template, head, tail, rows);
        }
        return arrays(template, head, columns, tail, rows, null);
    }

    /** {@link #insert(JdbcTemplate, String, List, String, List)} whose {@code tail} ends in {@code RETURNING …}. */
    public static int insertReturning(
            JdbcTemplate template,
            String head,
            List<Column> columns,
            String tail,
            List<Object[]> rows,
            RowCallbackHandler returned) {
        if (!Dialect.postgres(template)) {
            return insertReturning(template, head, tail, rows, returned);
        }
        return arrays(template, head, columns, tail, rows, returned);
    }

    private static int arrays(
            JdbcTemplate template,
            String head,
            List<Column> columns,
            String tail,
            List<Object[]> rows,
            RowCallbackHandler returned) {
        if (rows.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder(head.length() + 40 + columns.size() * 16);
        sql.append(head).append(" SELECT * FROM unnest(");
        for (int c = 0; c < columns.size(); c++) {
            sql.append(c == 0 ? "" : ", ")
                    .append("?::")
                    .append(columns.get(c).sqlType)
                    .append("[]");
        }
        sql.append(')');
        if (tail != null && !tail.isBlank()) {
            sql.append(' ').append(tail);
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != columns.size()) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + rows.get(r).length + " values, not " + columns.size());
            }
        }
        org.springframework.jdbc.core.PreparedStatementCreator creator = connection -> {
            var statement = connection.prepareStatement(sql.toString());
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                Object[] values = column.array(rows, c);
                if (column == Column.UUID || column == Column.TEXT) {
                    // written as the array's text form here: the driver's generic encoder escapes
                    // every character of every element, a visible share of a batch's posting
                    statement.setObject(c + 1, arrayLiteral(values), java.sql.Types.OTHER);
                } else {
                    statement.setArray(c + 1, connection.createArrayOf(column.sqlType, values));
                }
            }
            return statement;
        };
        if (returned == null) {
            return template.update(creator);
        }
        int[] count = {0};
        template.query(creator, rs -> {
            count[0]++;
            returned.processRow(rs);
        });
        return count[0];
    }

    /**
     * PostgreSQL's text form of a one-dimensional array: {@code {"a","b",NULL}}, each element
     * double-quoted with backslashes and double quotes escaped.
     */
    static String arrayLiteral(Object[] values) {
        StringBuilder out = new StringBuilder(values.length * 40 + 2).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value == null) {
                out.append("NULL");
                continue;
            }
            String text = value.toString();
            out.append('"');
            for (int k = 0; k < text.length(); k++) {
                char ch = text.charAt(k);
                if (ch == '"' || ch == '\\') {
                    out.append('\\');
                }
                out.append(ch);
            }
            out.append('"');
        }
        return out.append('}').toString();
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
