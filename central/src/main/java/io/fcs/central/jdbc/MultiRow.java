package io.fcs.central.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.PreparedStatementCreator;
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
                        lastText = value instanceof OffsetDateTime time
                                ? time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                                : OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC)
                                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
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
        ArrayStatement statement = new ArrayStatement(unnest(head, columns, tail), columns, rows, returned);
        PreparedStatementCreator creator = connection -> {
            var prepared = connection.prepareStatement(statement.sql());
            statement.bind(connection, prepared, 1);
            return prepared;
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

    /** {@code head SELECT * FROM unnest(?::type[], …) tail}: one array parameter per column. */
    public static String unnest(String head, List<Column> columns, String tail) {
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
        return sql.toString();
    }

    /**
     * One statement of {@link #inOneRoundTrip}: its SQL, its parameters' binding, and where the rows
     * it answers go ({@code returned}, null to only count them).
     */
    public sealed interface Piped permits ArrayStatement, PlainStatement {
        String sql();

        RowCallbackHandler returned();
    }

    /** A statement of {@link #inOneRoundTrip} with its parameters as they are, bound in order. */
    public record PlainStatement(String sql, List<Object> parameters, RowCallbackHandler returned) implements Piped {

        /** Binds the parameters from parameter {@code first} on; answers the next free one. */
        int bind(PreparedStatement statement, int first) throws SQLException {
            for (int p = 0; p < parameters.size(); p++) {
                statement.setObject(first + p, parameters.get(p));
            }
            return first + parameters.size();
        }
    }

    /**
     * One statement of {@link #inOneRoundTrip} (PostgreSQL): its SQL takes one array parameter per
     * column, in order (for example from {@link #unnest}); {@code rows} give the arrays' elements;
     * the rows it answers, if any, go to {@code returned}.
     */
    public record ArrayStatement(String sql, List<Column> columns, List<Object[]> rows, RowCallbackHandler returned)
            implements Piped {

        public ArrayStatement {
            for (int r = 0; r < rows.size(); r++) {
                if (rows.get(r).length != columns.size()) {
                    throw new IllegalArgumentException(
                            "row " + r + " has " + rows.get(r).length + " values, not " + columns.size());
                }
            }
        }

        /** Binds this statement's arrays from parameter {@code first} on; answers the next free one. */
        int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                Object[] values = column.array(rows, c);
                if (column == Column.UUID || column == Column.TEXT || column == Column.TIMESTAMPTZ) {
                    // written as the array's text form here: the driver's generic encoder escapes
                    // every character of every element, a visible share of a batch's posting
                    statement.setObject(first + c, arrayLiteral(values), Types.OTHER);
                } else {
                    statement.setArray(first + c, connection.createArrayOf(column.sqlType, values));
                }
            }
            return first + columns.size();
        }
    }

    /**
     * Runs {@code statements} in order in one round trip to PostgreSQL (decision 0279): the driver
     * sends a prepared statement of several {@code ;}-separated statements as one pipeline, each
     * parsed, bound and executed in turn and answered together. The first that fails stops the
     * rest and throws, as it would alone; inside a transaction nothing after it runs. Each
     * statement's returned rows go to its handler; answers each statement's row count (updated or
     * returned).
     */
    public static int[] inOneRoundTrip(JdbcTemplate template, List<? extends Piped> statements) {
        StringBuilder sql = new StringBuilder();
        for (Piped statement : statements) {
            if (statement.sql().indexOf(';') >= 0) {
                throw new IllegalArgumentException("a statement of a round trip holds a ';': " + statement.sql());
            }
            sql.append(sql.isEmpty() ? "" : ";\n").append(statement.sql());
        }
        int[] counts = new int[statements.size()];
        template.execute(
                (PreparedStatementCreator) connection -> {
                    var prepared = connection.prepareStatement(sql.toString());
                    int next = 1;
                    for (Piped statement : statements) {
                        next = switch (statement) {
                            case ArrayStatement arrays -> arrays.bind(connection, prepared, next);
                            case PlainStatement plain -> plain.bind(prepared, next);
                        };
                    }
                    return prepared;
                },
                (PreparedStatementCallback<Void>) prepared -> {
                    boolean rows = prepared.execute();
                    for (int i = 0; i < statements.size(); i++) {
                        if (rows) {
                            try (ResultSet rs = prepared.getResultSet()) {
                                while (rs.next()) {
                                    counts[i]++;
                                    if (statements.get(i).returned() != null) {
                                        statements.get(i).returned().processRow(rs);
                                    }
                                }
                            }
                        } else {
                            counts[i] = prepared.getUpdateCount();
                        }
                        rows = prepared.getMoreResults();
                    }
                    return null;
                });
        return counts;
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
            if (text.indexOf('"') < 0 && text.indexOf('\\') < 0) {
                out.append(text); // ids, currencies, instants: nothing to escape
            } else {
                for (int k = 0; k < text.length(); k++) {
                    char ch = text.charAt(k);
                    if (ch == '"' || ch == '\\') {
                        out.append('\\');
                    }
                    out.append(ch);
                }
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
                args.addAll(Arrays.asList(row));
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
