package io.fcs.central.jdbc;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which database a template talks to, for the few statements written once for PostgreSQL's
 * arrays ({@code UPDATE … FROM unnest(?::uuid[], …)}) with a portable form for H2 beside them.
 * Asked of the driver once per data source.
 */
public final class Dialect {

    /** Weak keys: a data source closed with its application context is not kept by this answer. */
    private static final Map<DataSource, Boolean> POSTGRES = Collections.synchronizedMap(new WeakHashMap<>());

    private Dialect() {}

    public static boolean postgres(JdbcTemplate template) {
        DataSource source = template.getDataSource();
        if (source == null) {
            return false;
        }
        return POSTGRES.computeIfAbsent(
                source,
                s -> Boolean.TRUE.equals(template.execute((java.sql.Connection c) -> c.getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase(Locale.ROOT)
                        .contains("postgres"))));
    }
}
