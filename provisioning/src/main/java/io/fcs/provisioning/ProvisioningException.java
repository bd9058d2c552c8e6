package io.fcs.provisioning;

/**
 * Why a command stopped, as one line for the operator, with the exit code the process ends
 * with. Thrown before anything is written, or after a consistent state was kept.
 */
public final class ProvisioningException extends RuntimeException {

    private final int exitCode;

    public ProvisioningException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ProvisioningException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static ProvisioningException refused(String message) {
        return new ProvisioningException(ExitCodes.REFUSED, message);
    }

    public static ProvisioningException io(String message, Throwable cause) {
        return new ProvisioningException(ExitCodes.IO, message, cause);
    }

    public static ProvisioningException io(String message) {
        return new ProvisioningException(ExitCodes.IO, message);
    }

    public static ProvisioningException centralRefused(String message) {
        return new ProvisioningException(ExitCodes.CENTRAL_REFUSED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
