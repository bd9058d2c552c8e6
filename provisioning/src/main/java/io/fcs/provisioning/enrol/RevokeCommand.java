package io.fcs.provisioning.enrol;

import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.ProvisioningException;
import io.fcs.provisioning.central.CentralClient;
import io.fcs.provisioning.central.CentralOptions;
import io.fcs.provisioning.keys.CertificateAuthority;
import io.fcs.provisioning.keys.FestivalKeys;
import io.fcs.provisioning.keys.KeysOptions;
import io.fcs.provisioning.keys.PasswordOptions;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code revoke terminal|edge ID --reason …}: central first (its records stop counting after
 * the revocation time), then the local revocation list signed by the CA.
 */
@Command(
        name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revoke an enrolled terminal or edge: at central (POST /admin/devices/{id}/revocation) and in"
                + " the CA-signed revocation list " + RevokeCommand.CRL + " of the keys directory.")
public final class RevokeCommand implements Runnable {

    static final String CRL = "revocations.crl";

    /** Which kind of device. */
    enum Kind {
        terminal,
        edge
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "terminal or edge")
    Kind kind;

    @Parameters(index = "1", paramLabel = "ID", description = "Device id (UUID)")
    String id;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (env FCS_REASON).")
    String reason;

    @Mixin
    KeysOptions keysOptions;

    @Mixin
    PasswordOptions passwordOptions;

    @Mixin
    CentralOptions centralOptions;

    private final Context context;

    RevokeCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        UUID deviceId;
        try {
            deviceId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "ID must be a UUID, was " + id);
        }
        if (reason.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reason must not be blank");
        }
        FestivalKeys keys = keysOptions.open(passwordOptions, null);
        DeviceRecords records = new DeviceRecords(keys.dir());
        DeviceRecords.DeviceRecord record = records.find(deviceId)
                .orElseThrow(() -> ProvisioningException.refused(
                        "device " + deviceId + " was not enrolled from " + keys.dir() + "; nothing changed"));
        DeviceKind expected = kind == Kind.edge ? DeviceKind.EDGE : DeviceKind.TERMINAL;
        if (record.kind() != expected) {
            throw ProvisioningException.refused(
                    "device " + deviceId + " is a " + record.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + ", not a " + kind + "; nothing changed");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (record.revoked()) {
            out.println(kind + " " + deviceId + " was already revoked at " + record.revokedAt() + " (" + record.reason()
                    + ")");
            out.flush();
            return;
        }
        Instant now = context.clock().instant();
        CentralClient central = centralOptions.clientUnlessOffline();
        if (central != null) {
            central.revokeDevice(deviceId, reason, now);
        }
        DeviceRecords.DeviceRecord revoked = record.revoke(now, reason);
        List<CertificateAuthority.Revoked> entries = new java.util.ArrayList<>();
        for (DeviceRecords.DeviceRecord each : records.all()) {
            DeviceRecords.DeviceRecord current = each.deviceId().equals(deviceId) ? revoked : each;
            if (current.revoked()) {
                entries.add(new CertificateAuthority.Revoked(current.serial(), current.revokedAt(), current.reason()));
            }
        }
        X509CRL crl =
                keys.ca().revocationList(entries, BigInteger.valueOf(now.toEpochMilli()), now, Duration.ofDays(30));
        Path crlFile = keys.dir().resolve(CRL);
        AtomicFiles.writeString(crlFile, FestivalKeys.pem(crl));
        records.save(revoked);
        out.println("revoked " + kind + " " + deviceId + " at " + now + " (" + reason + ")");
        out.println("  central: " + (central == null ? "not contacted (--offline)" : "revocation registered"));
        out.println("  revocation list " + crlFile + " lists " + entries.size() + " certificate(s)");
        out.flush();
    }
}
