package io.fcs.provisioning;

/**
 * The exit codes scripts can rely on (documented in docs/operations.md, "Provisioning").
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Wrong command line: unknown option, missing parameter, bad option value. */
    public static final int USAGE = 1;
    /** Refused input: wrong password, corrupt file, bad CSR, expired or used token, unknown tag. */
    public static final int REFUSED = 2;
    /** Input/output or device failure: disk, reader unplugged, central unreachable. */
    public static final int IO = 3;
    /** Central answered but refused (4xx/5xx). */
    public static final int CENTRAL_REFUSED = 4;

    private ExitCodes() {}
}
