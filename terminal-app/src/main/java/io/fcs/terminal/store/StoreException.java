package io.fcs.terminal.store;

import java.sql.SQLException;

/**
 * The local store failed: the terminal cannot record and must stop trading. {@link #full()}
 * tells the "storage full" case apart, which staff can act on.
 */
public final class StoreException extends RuntimeException {

    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_IOERR = 10;

    private final boolean full;

    StoreException(String message, Throwable cause, boolean full) {
        super(message, cause);
        this.full = full;
    }

    static StoreException from(String what, Exception cause) {
        boolean full = cause instanceof SQLException sql
                && ((sql.getErrorCode() & 0xff) == SQLITE_FULL
                        || (sql.getErrorCode() & 0xff) == SQLITE_IOERR
                                && String.valueOf(sql.getMessage()).contains("FULL"));
        return new StoreException("terminal store failed (" + what + "): " + cause.getMessage(), cause, full);
    }

    public boolean full() {
        return full;
    }
}
