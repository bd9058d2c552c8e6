package io.fcs.protocol.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Integration tests that drive real system software (Mosquitto, pcscd, Chromium) call
 * {@link #require}. In CI ({@code CI=true}) a missing program is a failure, because
 * {@code .ci/run} installs it; elsewhere the test is skipped with a message naming the Debian
 * package to install.
 */
public final class SystemPackages {

    private SystemPackages() {}

    /**
     * @param debianPackage what to {@code apt-get install}
     * @param executable absolute path of the program the test runs
     * @return the executable's path
     */
    public static Path require(String debianPackage, String executable) {
        Path path = Path.of(executable);
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = executable + " not found: install the Debian package '" + debianPackage + "' (apt-get install "
                + debianPackage + ")";
        if (inCi()) {
            throw new AssertionError("CI must provide it (see .ci/run): " + message);
        }
        Assumptions.abort(message);
        return path;
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
