package io.fcs.provisioning.central;

import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.ProvisioningException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How to reach central's admin API: its address and an admin bearer token, or an admin's
 * e-mail and password to log in with ({@code POST /auth/login}).
 */
public final class CentralOptions {

    @Option(names = "--central", paramLabel = "URL", description = "Central's base URL (env FCS_CENTRAL).")
    public URI central;

    @Option(
            names = "--central-token",
            paramLabel = "TOKEN",
            description = "Admin bearer token (env FCS_CENTRAL_TOKEN; else log in with --central-email).")
    String token;

    @Option(
            names = "--central-email",
            paramLabel = "EMAIL",
            description = "Admin e-mail to log in with when no token is given (env FCS_CENTRAL_EMAIL).")
    String email;

    @Option(
            names = "--central-password-file",
            paramLabel = "FILE",
            description = "File with the admin password for --central-email (env FCS_CENTRAL_PASSWORD_FILE;"
                    + " else FCS_CENTRAL_PASSWORD).")
    Path passwordFile;

    @Option(
            names = "--offline",
            description = "Do not contact central (register the device there later) (env FCS_OFFLINE).")
    boolean offline;

    private final Context context;

    CentralOptions(Context context) {
        this.context = context;
    }

    /** A client, or null with --offline. */
    public CentralClient clientUnlessOffline() {
        return offline ? null : connect(context);
    }

    /** A client with a token: the given one, or one from logging in. */
    public CentralClient connect(Context ignored) {
        if (central == null) {
            throw ProvisioningException.refused("central is needed here: give --central URL (or FCS_CENTRAL)");
        }
        CentralClient client = new CentralClient(central, token);
        if (token == null || token.isBlank()) {
            if (email == null) {
                throw ProvisioningException.refused(
                        "no admin credentials for central: give --central-token or --central-email");
            }
            String password = passwordFile != null
                    ? new String(AtomicFiles.read(passwordFile, "central password file"), StandardCharsets.UTF_8)
                            .lines()
                            .findFirst()
                            .orElse("")
                    : context.env("FCS_CENTRAL_PASSWORD")
                            .or(() -> context.prompt()
                                    .ask("Central password for " + email + ": ")
                                    .map(String::new))
                            .orElseThrow(() -> ProvisioningException.refused(
                                    "no central password: give --central-password-file or FCS_CENTRAL_PASSWORD"));
            client = client.login(email, password);
        }
        return client;
    }
}
