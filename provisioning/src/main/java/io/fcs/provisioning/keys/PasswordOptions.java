package io.fcs.provisioning.keys;

import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.ProvisioningException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the key store password comes from, never from a plain argument: the first line of
 * {@code --password-file}, else the variable {@code FCS_KEYSTORE_PASSWORD}, else a prompt
 * without echo on the terminal.
 */
public final class PasswordOptions {

    public static final String PASSWORD_VARIABLE = "FCS_KEYSTORE_PASSWORD";
    static final int MIN_LENGTH = 10;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "File whose first line is the key store password (env FCS_PASSWORD_FILE; "
                    + "else FCS_KEYSTORE_PASSWORD; else asked on the terminal).")
    Path passwordFile;

    private final Context context;

    PasswordOptions(Context context) {
        this.context = context;
    }

    /** The password for an existing key store. */
    public char[] password() {
        return read(false);
    }

    /** A new password (asked twice on a terminal), at least {@value #MIN_LENGTH} characters. */
    char[] newPassword() {
        char[] password = read(true);
        if (password.length < MIN_LENGTH) {
            throw ProvisioningException.refused(
                    "the key store password must have at least " + MIN_LENGTH + " characters");
        }
        return password;
    }

    private char[] read(boolean confirm) {
        if (passwordFile != null) {
            String text = new String(AtomicFiles.read(passwordFile, "password file"), StandardCharsets.UTF_8);
            String firstLine = text.lines().findFirst().orElse("");
            if (firstLine.isEmpty()) {
                throw ProvisioningException.refused("password file " + passwordFile + " is empty");
            }
            return firstLine.toCharArray();
        }
        Optional<String> fromEnv = context.env(PASSWORD_VARIABLE);
        if (fromEnv.isPresent()) {
            return fromEnv.get().toCharArray();
        }
        char[] first = context.prompt()
                .ask("Key store password: ")
                .orElseThrow(() -> ProvisioningException.refused("no key store password: give --password-file, set "
                        + PASSWORD_VARIABLE + " or run on a terminal"));
        if (confirm) {
            char[] second = context.prompt().ask("Repeat the password: ").orElse(new char[0]);
            if (!Arrays.equals(first, second)) {
                throw ProvisioningException.refused("the two passwords differ; nothing changed");
            }
        }
        return first;
    }
}
