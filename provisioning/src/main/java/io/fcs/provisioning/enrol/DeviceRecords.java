package io.fcs.provisioning.enrol;

import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.ProvisioningException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The provisioning workstation's own register of the devices it enrolled
 * ({@code <keys-dir>/devices/<id>.properties}): what revocation needs (the certificate serial)
 * and what an operator looks up.
 */
public final class DeviceRecords {

    /** Verification keys of the terminals enrolled from this keys directory (revoked ones too). */
    public static java.util.Map<io.fcs.protocol.value.TerminalId, io.fcs.protocol.crypto.Ed25519.VerificationKey>
            terminalKeys(Path keysDir) {
        java.util.Map<io.fcs.protocol.value.TerminalId, io.fcs.protocol.crypto.Ed25519.VerificationKey> keys =
                new java.util.HashMap<>();
        for (DeviceRecord record : new DeviceRecords(keysDir).all()) {
            if (record.kind() == DeviceKind.TERMINAL && !record.publicKey().isEmpty()) {
                keys.put(
                        io.fcs.protocol.value.TerminalId.of(record.deviceId()),
                        new io.fcs.protocol.crypto.Ed25519.VerificationKey(
                                java.util.Base64.getDecoder().decode(record.publicKey())));
            }
        }
        return keys;
    }

    static final String DIR = "devices";

    record DeviceRecord(
            UUID deviceId,
            DeviceKind kind,
            String mode,
            UUID zoneId,
            String name,
            BigInteger serial,
            String publicKeyFingerprint,
            String publicKey,
            Instant enrolledAt,
            Instant revokedAt,
            String reason) {

        boolean revoked() {
            return revokedAt != null;
        }

        DeviceRecord revoke(Instant at, String why) {
            return new DeviceRecord(
                    deviceId, kind, mode, zoneId, name, serial, publicKeyFingerprint, publicKey, enrolledAt, at, why);
        }
    }

    private final Path dir;

    DeviceRecords(Path keysDir) {
        this.dir = keysDir.resolve(DIR);
    }

    Optional<DeviceRecord> find(UUID deviceId) {
        Path file = dir.resolve(deviceId + ".properties");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    List<DeviceRecord> all() {
        List<DeviceRecord> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.properties")) {
            for (Path file : files) {
                records.add(read(file));
            }
        } catch (IOException e) {
            throw ProvisioningException.io("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return records;
    }

    void save(DeviceRecord record) {
        Properties p = new Properties();
        p.setProperty("deviceId", record.deviceId().toString());
        p.setProperty("kind", record.kind().name());
        p.setProperty("mode", record.mode());
        p.setProperty("zoneId", record.zoneId().toString());
        p.setProperty("name", record.name());
        p.setProperty("serial", record.serial().toString(16));
        p.setProperty("publicKeyFingerprint", record.publicKeyFingerprint());
        p.setProperty("publicKey", record.publicKey());
        p.setProperty("enrolledAt", record.enrolledAt().toString());
        p.setProperty(
                "revokedAt",
                record.revokedAt() == null ? "" : record.revokedAt().toString());
        p.setProperty("reason", record.reason() == null ? "" : record.reason());
        StringWriter writer = new StringWriter();
        try {
            p.store(writer, "enrolled device");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.writeString(dir.resolve(record.deviceId() + ".properties"), writer.toString());
    }

    private static DeviceRecord read(Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
            String revokedAt = p.getProperty("revokedAt", "");
            String reason = p.getProperty("reason", "");
            return new DeviceRecord(
                    UUID.fromString(p.getProperty("deviceId")),
                    DeviceKind.valueOf(p.getProperty("kind")),
                    p.getProperty("mode"),
                    UUID.fromString(p.getProperty("zoneId")),
                    p.getProperty("name"),
                    new BigInteger(p.getProperty("serial"), 16),
                    p.getProperty("publicKeyFingerprint"),
                    p.getProperty("publicKey", ""),
                    Instant.parse(p.getProperty("enrolledAt")),
                    revokedAt.isEmpty() ? null : Instant.parse(revokedAt),
                    reason.isEmpty() ? null : reason);
        } catch (IOException e) {
            throw ProvisioningException.io("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ProvisioningException.refused("device record " + file + " is corrupt");
        }
    }
}
