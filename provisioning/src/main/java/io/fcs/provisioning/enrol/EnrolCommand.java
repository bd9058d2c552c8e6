package io.fcs.provisioning.enrol;

import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.DeviceMode;
import io.fcs.protocol.enrol.EnrolmentFormatException;
import io.fcs.protocol.enrol.EnrolmentQr;
import io.fcs.protocol.value.ZoneId;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.ProvisioningException;
import io.fcs.provisioning.bundle.DeviceFiles;
import io.fcs.provisioning.bundle.QrCodes;
import io.fcs.provisioning.central.CentralClient;
import io.fcs.provisioning.central.CentralOptions;
import io.fcs.provisioning.keys.FestivalKeys;
import io.fcs.provisioning.keys.KeysOptions;
import io.fcs.provisioning.keys.PasswordOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code enrol terminal | edge | redeem}. */
@Command(
        name = "enrol",
        mixinStandardHelpOptions = true,
        description = "Enrol a terminal or an edge node: certificate, central registration, config bundle and"
                + " one-time enrolment QR.",
        subcommands = {EnrolCommand.Terminal.class, EnrolCommand.Edge.class, EnrolCommand.Redeem.class})
public final class EnrolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to enrol: terminal or edge");
    }

    /** Options common to terminals and edges. */
    abstract static class DeviceOptions implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--zone", required = true, paramLabel = "UUID", description = "Zone id (env FCS_ZONE).")
        String zone;

        @Option(names = "--id", paramLabel = "UUID", description = "Device id (env FCS_ID; default: a new one).")
        String id;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "Display name (env FCS_NAME; default: from kind and id).")
        String name;

        @Option(
                names = "--csr",
                paramLabel = "FILE",
                description = "PKCS#10 request (PEM or DER) made on the device: its key is certified instead of"
                        + " making one here (env FCS_CSR).")
        Path csr;

        @Option(
                names = "--validity-days",
                defaultValue = "400",
                paramLabel = "DAYS",
                description = "Certificate validity (env FCS_VALIDITY_DAYS; default: ${DEFAULT-VALUE}).")
        int validityDays;

        @Option(
                names = "--edge-address",
                paramLabel = "URI",
                description =
                        "The zone's edge broker for the bundle, e.g. ssl://edge-1.local:8883 (env FCS_EDGE_ADDRESS).")
        String edgeAddress;

        @Option(
                names = "--central-address",
                paramLabel = "URI",
                description = "Central's address for the bundle (env FCS_CENTRAL_ADDRESS; default: --central).")
        String centralAddress;

        @Option(
                names = "--token-ttl",
                defaultValue = "PT30M",
                paramLabel = "DURATION",
                description =
                        "How long the enrolment QR works, ISO-8601 (env FCS_TOKEN_TTL; default: ${DEFAULT-VALUE}).")
        Duration tokenTtl;

        @Option(
                names = "--enrolment-url",
                paramLabel = "URL",
                description = "Base URL of serve-enrolment the device fetches from, e.g. http://10.0.0.5:8470/enrol/"
                        + " (env FCS_ENROLMENT_URL; default: none, the sealed bundle travels on media).")
        String enrolmentUrl;

        @Option(
                names = "--out",
                defaultValue = "enrolments",
                paramLabel = "DIR",
                description = "Where the device's folder is written (env FCS_OUT; default: ${DEFAULT-VALUE}).")
        Path out;

        @Mixin
        KeysOptions keysOptions;

        @Mixin
        PasswordOptions passwordOptions;

        @Mixin
        CentralOptions centralOptions;

        final Context context;

        DeviceOptions(Context context) {
            this.context = context;
        }

        abstract DeviceKind kind();

        abstract DeviceMode mode();

        List<String> hosts() {
            return List.of();
        }

        @Override
        public void run() {
            ZoneId zoneId = parse("--zone", zone, ZoneId::parse);
            UUID deviceId = id == null ? UUID.randomUUID() : parse("--id", id, UUID::fromString);
            if (validityDays < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--validity-days must be positive");
            }
            if (tokenTtl.isNegative() || tokenTtl.isZero()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--token-ttl must be positive");
            }
            String displayName = name != null
                    ? name
                    : (kind() == DeviceKind.EDGE ? "edge" : mode().name().toLowerCase(java.util.Locale.ROOT)) + "-"
                            + deviceId.toString().substring(0, 8);
            FestivalKeys keys = keysOptions.open(passwordOptions, null);
            CentralClient central = centralOptions.clientUnlessOffline();
            String centralForBundle = centralAddress != null
                    ? centralAddress
                    : centralOptions.central == null ? "" : centralOptions.central.toString();
            Enrolment.Result result;
            try {
                result = Enrolment.enrol(
                        keys,
                        new Enrolment.Request(
                                kind(),
                                mode(),
                                deviceId,
                                zoneId,
                                displayName,
                                hosts(),
                                csr,
                                Duration.ofDays(validityDays),
                                edgeAddress,
                                centralForBundle,
                                tokenTtl,
                                enrolmentUrl,
                                out),
                        central,
                        context);
            } catch (IllegalArgumentException e) {
                throw ProvisioningException.refused(e.getMessage());
            }
            PrintWriter writer = spec.commandLine().getOut();
            writer.println("enrolled " + kind().name().toLowerCase(java.util.Locale.ROOT) + " " + deviceId + " ("
                    + displayName + ", " + (kind() == DeviceKind.EDGE ? "edge" : mode().name()) + ", zone " + zoneId
                    + ")");
            writer.println("  certificate serial "
                    + result.certificate().getSerialNumber().toString(16)
                    + (result.deviceMadeKey() ? ", key made on the device" : ", key made here"));
            writer.println("  central: " + (central == null ? "not contacted (--offline)" : "registered"));
            writer.println("  bundle and QR in " + result.dir() + " (QR works once, until "
                    + result.qr().expiresAt() + ")");
            writer.flush();
        }

        <T> T parse(String option, String text, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
            }
        }
    }

    /** What a terminal does. */
    enum TerminalMode {
        pos,
        gate,
        kiosk
    }

    @Command(name = "terminal", mixinStandardHelpOptions = true, description = "Enrol a POS, gate or kiosk terminal.")
    static final class Terminal extends DeviceOptions {
        @Option(
                names = "--mode",
                required = true,
                paramLabel = "MODE",
                description = "pos, gate or kiosk (env FCS_MODE).")
        TerminalMode mode;

        Terminal(Context context) {
            super(context);
        }

        @Override
        DeviceKind kind() {
            return DeviceKind.TERMINAL;
        }

        @Override
        DeviceMode mode() {
            return DeviceMode.valueOf(mode.name().toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Command(name = "edge", mixinStandardHelpOptions = true, description = "Enrol a zone's edge node.")
    static final class Edge extends DeviceOptions {
        @Option(
                names = "--host",
                paramLabel = "NAME",
                split = ",",
                description = "DNS name or IP address terminals reach the edge at (repeatable; in the certificate)"
                        + " (env FCS_HOST, comma separated).")
        List<String> hostNames = new ArrayList<>();

        Edge(Context context) {
            super(context);
        }

        @Override
        DeviceKind kind() {
            return DeviceKind.EDGE;
        }

        @Override
        DeviceMode mode() {
            return DeviceMode.NONE;
        }

        @Override
        List<String> hosts() {
            return hostNames;
        }
    }

    @Command(
            name = "redeem",
            mixinStandardHelpOptions = true,
            description = "Do what a device does with its enrolment QR: fetch the sealed bundle once (or read it from"
                    + " --sealed), open it and write the config bundle (for headless edges and tests).")
    static final class Redeem implements Runnable {
        static final String DEVICE_PASSWORD_VARIABLE = "FCS_DEVICE_PASSWORD";
        static final int MIN_DEVICE_PASSWORD = 8;

        @Spec
        CommandSpec spec;

        @Option(names = "--qr", paramLabel = "TEXT", description = "The QR text (env FCS_QR).")
        String qrText;

        @Option(names = "--qr-image", paramLabel = "PNG", description = "A picture of the QR (env FCS_QR_IMAGE).")
        Path qrImage;

        @Option(
                names = "--sealed",
                paramLabel = "FILE",
                description = "The sealed bundle from removable media instead of fetching it (env FCS_SEALED).")
        Path sealedFile;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE",
                description = "Where to write the config bundle (env FCS_OUT).")
        Path out;

        @Option(
                names = "--device-files",
                paramLabel = "DIR",
                description = "Also write the device's key (device.key), PKCS#12 key store (device.p12) and trust"
                        + " store (trust.p12), and for an edge the edge.properties its --config reads, into DIR"
                        + " (env FCS_DEVICE_FILES). Both stores take the password of --device-password-file.")
        Path deviceFiles;

        @Option(
                names = "--device-password-file",
                paramLabel = "FILE",
                description = "First line = the password of the device's key stores (env FCS_DEVICE_PASSWORD_FILE;"
                        + " else FCS_DEVICE_PASSWORD).")
        Path devicePasswordFile;

        private final Context context;

        Redeem(Context context) {
            this.context = context;
        }

        @Override
        public void run() {
            if ((qrText == null) == (qrImage == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --qr and --qr-image");
            }
            // checked before the one-time token is spent
            char[] storePassword = deviceFiles == null ? null : devicePassword();
            String text = qrText != null ? qrText : QrCodes.decode(AtomicFiles.read(qrImage, "QR image"));
            ConfigBundle bundle;
            try {
                EnrolmentQr qr = EnrolmentQr.parse(text, context.clock().instant());
                byte[] sealed = sealedFile != null ? AtomicFiles.read(sealedFile, "sealed bundle") : fetch(qr);
                bundle = qr.open(sealed);
            } catch (EnrolmentFormatException e) {
                throw ProvisioningException.refused(
                        switch (e.reason()) {
                            case EXPIRED -> "enrolment token expired; ask for a new QR (" + e.getMessage() + ")";
                            default -> "enrolment refused: " + e.getMessage();
                        });
            }
            AtomicFiles.writeSecret(out, bundle.encode());
            List<Path> written =
                    deviceFiles == null ? List.of() : DeviceFiles.write(bundle, deviceFiles, storePassword);
            PrintWriter writer = spec.commandLine().getOut();
            writer.println("configured " + bundle.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + bundle.deviceId() + " (" + bundle.name() + ", " + bundle.mode() + ") of festival "
                    + bundle.festivalId() + ", zone " + bundle.zoneId());
            writer.println("  CA "
                    + EnrolmentQr.fingerprintOf(bundle.certificateChain()
                            .get(bundle.certificateChain().size() - 1))
                    + ", " + bundle.ticketKeys().size() + " ticket key(s), bundle written to " + out);
            for (Path file : written) {
                writer.println("  wrote " + file);
            }
            writer.flush();
        }

        private char[] devicePassword() {
            String text;
            if (devicePasswordFile != null) {
                text = new String(AtomicFiles.read(devicePasswordFile, "device password file"), StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse("");
            } else {
                text = context.env(DEVICE_PASSWORD_VARIABLE).orElse("");
            }
            if (text.length() < MIN_DEVICE_PASSWORD) {
                throw ProvisioningException.refused("--device-files needs a key store password of at least "
                        + MIN_DEVICE_PASSWORD + " characters: give --device-password-file or set "
                        + DEVICE_PASSWORD_VARIABLE);
            }
            return text.toCharArray();
        }

        private static byte[] fetch(EnrolmentQr qr) {
            if (qr.url().isEmpty()) {
                throw ProvisioningException.refused("this QR has no URL: give the sealed bundle with --sealed");
            }
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            try {
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(URI.create(qr.url()))
                                .timeout(Duration.ofSeconds(20))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return switch (response.statusCode()) {
                    case 200 -> response.body();
                    case 410 ->
                        throw ProvisioningException.refused("enrolment token "
                                + new String(response.body(), StandardCharsets.US_ASCII).strip()
                                + ": it works once; ask for a new QR");
                    case 404 -> throw ProvisioningException.refused("enrolment token unknown to " + qr.url());
                    default ->
                        throw ProvisioningException.io("enrolment server answered " + response.statusCode(), null);
                };
            } catch (ConnectException e) {
                throw ProvisioningException.io("enrolment server unreachable at " + qr.url(), e);
            } catch (IOException e) {
                throw ProvisioningException.io("cannot fetch the bundle from " + qr.url() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProvisioningException.io("interrupted", e);
            }
        }
    }
}
