package io.fcs.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The festival's trust set up through the real provisioning tool: key ceremony (root CA, ticket
 * key, wristband master key), then each edge and terminal enrolled (certificate from the CA,
 * registered with central), its one-time QR redeemed into the config bundle and the files its
 * TLS stack loads. Everything lives under one folder: {@code keys/} (the offline key
 * directory), {@code enrolments/<id>/} (what provisioning hands out) and {@code devices/<id>/}
 * (what each device keeps).
 */
final class FestivalTrust {

    /** A device as enrolled: its id, kind and zone, and where its files are. */
    record Device(UUID id, String kind, String mode, String zoneId, Path bundle, Path files, String qr, Path sealed) {

        Path key() {
            return files.resolve("device.key");
        }

        Path keyStore() {
            return files.resolve("device.p12");
        }

        Path trustStore() {
            return files.resolve("trust.p12");
        }

        Path edgeConfig() {
            return files.resolve("edge.properties");
        }
    }

    private final ProvisioningTool tool;
    private final Path dir;
    private final String storePassword;

    private FestivalTrust(ProvisioningTool tool, Path dir, String storePassword) {
        this.tool = tool;
        this.dir = dir;
        this.storePassword = storePassword;
    }

    /**
     * Opens the trust folder {@code dir}, making its passwords on first use (random, owner-only
     * files beside the keys, as a demo keeps them; a real festival keeps the key store password
     * off the machine).
     */
    static FestivalTrust open(Path provisioningJar, Path dir, String centralUrl, String adminToken) throws IOException {
        Files.createDirectories(dir);
        Path keyPassword = secret(dir.resolve("keystore-password"));
        String storePassword =
                Files.readString(secret(dir.resolve("device-store-password"))).strip();
        ProvisioningTool tool = new ProvisioningTool(
                provisioningJar,
                Map.of(
                        "FCS_KEYS_DIR", dir.resolve("keys").toString(),
                        "FCS_PASSWORD_FILE", keyPassword.toString(),
                        "FCS_CENTRAL", centralUrl,
                        "FCS_CENTRAL_TOKEN", adminToken,
                        "FCS_DEVICE_PASSWORD", storePassword));
        return new FestivalTrust(tool, dir, storePassword);
    }

    private static Path secret(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    ProvisioningTool tool() {
        return tool;
    }

    Path dir() {
        return dir;
    }

    /** The password of every device's PKCS#12 key and trust stores. */
    String storePassword() {
        return storePassword;
    }

    /** The key ceremony, once: later calls find the key directory and change nothing. */
    boolean ceremony(String festivalId, String festivalName) {
        if (Files.exists(dir.resolve("keys").resolve("festival.p12"))) {
            return false;
        }
        tool.run("keys", "init", "--festival", festivalId, "--festival-name", festivalName)
                .orFail();
        return true;
    }

    /** What {@code keys show} prints: fingerprints, never a secret. */
    String fingerprints() {
        return tool.run("keys", "show").orFail().output();
    }

    Device enrolEdge(UUID id, String zoneId, String name, List<String> hosts) {
        List<String> args = new ArrayList<>(List.of(
                "enrol", "edge", "--zone", zoneId, "--id", id.toString(), "--name", name, "--out", enrolments()));
        if (!hosts.isEmpty()) {
            args.add("--host");
            args.add(String.join(",", hosts));
        }
        tool.run(args).orFail();
        return redeem(id, "EDGE", null, zoneId);
    }

    Device enrolTerminal(UUID id, String mode, String zoneId, String name, String edgeAddress) {
        tool.run(
                        "enrol",
                        "terminal",
                        "--mode",
                        mode,
                        "--zone",
                        zoneId,
                        "--id",
                        id.toString(),
                        "--name",
                        name,
                        "--edge-address",
                        edgeAddress,
                        "--out",
                        enrolments())
                .orFail();
        return redeem(id, "TERMINAL", mode, zoneId);
    }

    /** A device enrolled from here before, found again from its files. */
    Device enrolled(UUID id, String kind, String mode, String zoneId) throws IOException {
        Path enrolment = Path.of(enrolments()).resolve(id.toString());
        Path deviceDir = dir.resolve("devices").resolve(id.toString());
        Device device = new Device(
                id,
                kind,
                mode,
                zoneId,
                deviceDir.resolve("config.fcsb"),
                deviceDir,
                Files.readString(enrolment.resolve("enrolment-qr.txt")).strip(),
                enrolment.resolve("bundle.sealed"));
        if (!Files.exists(device.bundle()) || !Files.exists(device.keyStore())) {
            throw new IOException("the enrolment of " + id + " in " + deviceDir + " is incomplete");
        }
        return device;
    }

    /** Revokes the device at central and in the CA's revocation list. */
    ProvisioningTool.Result revoke(String kind, UUID id, String reason) {
        return tool.run("revoke", kind, id.toString(), "--reason", reason);
    }

    /** The device's own copy of its enrolment: the config bundle and its TLS files. */
    private Device redeem(UUID id, String kind, String mode, String zoneId) {
        Path enrolment = Path.of(enrolments()).resolve(id.toString());
        Path sealed = enrolment.resolve("bundle.sealed");
        String qr;
        try {
            qr = Files.readString(enrolment.resolve("enrolment-qr.txt")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("enrolment of " + id + " left no QR text: " + e.getMessage(), e);
        }
        Path deviceDir = dir.resolve("devices").resolve(id.toString());
        Path bundle = deviceDir.resolve("config.fcsb");
        tool.run(
                        "enrol",
                        "redeem",
                        "--qr",
                        qr,
                        "--sealed",
                        sealed.toString(),
                        "--out",
                        bundle.toString(),
                        "--device-files",
                        deviceDir.toString())
                .orFail();
        return new Device(id, kind, mode, zoneId, bundle, deviceDir, qr, sealed);
    }

    private String enrolments() {
        return dir.resolve("enrolments").toString();
    }
}
