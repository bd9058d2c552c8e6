package io.fcs.terminal;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every option of the terminal; each one also reads an environment variable (named in its
 * description). Documented in docs/operations.md, "terminal-app".
 */
@Command(
        name = "terminal-app",
        mixinStandardHelpOptions = true,
        version = "terminal-app 0.1.0",
        sortOptions = false,
        usageHelpWidth = 110,
        description = "Festival terminal: bar POS, gate scanner, top-up kiosk or cash desk.%n"
                + "Every option can also be given as the environment variable shown.")
public final class TerminalOptions {

    /** What the terminal is for. */
    public enum Mode {
        POS,
        GATE,
        KIOSK,
        CASHDESK;
    }

    /** Which NFC reader adapter to use. */
    public enum ReaderChoice {
        PCSC,
        SIMULATED
    }

    /** Which QR scanner adapter to use. */
    public enum ScannerChoice {
        WEDGE,
        CAMERA,
        SIMULATED
    }

    @Option(
            names = "--mode",
            defaultValue = "${env:FCS_MODE:-pos}",
            converter = ModeConverter.class,
            description = "pos | gate | kiosk | cashdesk (env FCS_MODE, default ${DEFAULT-VALUE})")
    Mode mode = Mode.POS;

    @Option(
            names = "--enrol",
            defaultValue = "${env:FCS_ENROL}",
            description = "enrol from provisioning's config bundle file, or with --enrol-qr the sealed bundle "
                    + "file when the QR names no URL; stored, then the terminal starts (env FCS_ENROL)")
    Path enrol;

    @Option(
            names = "--enrol-qr",
            defaultValue = "${env:FCS_ENROL_QR}",
            description = "enrol from the one-time enrolment QR text FCSENROL1|...: the sealed bundle is fetched "
                    + "once from its URL (env FCS_ENROL_QR)")
    String enrolQr;

    /** Set by the launcher: whether the mode and the edge were given (not taken from the enrolment). */
    boolean modeGiven;

    boolean edgeGiven;

    @Option(
            names = "--simulate-bundle",
            split = ",",
            defaultValue = "${env:FCS_SIMULATE_BUNDLES}",
            description = "with --headless --simulate N: config bundle files of N enrolled terminals (comma separated "
                    + "or repeated); the simulated terminals are those terminals and work against the real edge "
                    + "at --edge instead of the stand-in (env FCS_SIMULATE_BUNDLES)")
    String[] simulateBundles = new String[0];

    @Option(
            names = "--camera-device",
            defaultValue = "${env:FCS_CAMERA_DEVICE:-/dev/video0}",
            description = "with --scanner camera: the V4L2 camera the default frame grabber reads "
                    + "(env FCS_CAMERA_DEVICE, default ${DEFAULT-VALUE})")
    String cameraDevice = "/dev/video0";

    @Option(
            names = "--camera-size",
            defaultValue = "${env:FCS_CAMERA_SIZE:-640x480}",
            description = "with --scanner camera: frame size WIDTHxHEIGHT of the grabber's 8-bit grey frames "
                    + "(env FCS_CAMERA_SIZE, default ${DEFAULT-VALUE})")
    String cameraSize = "640x480";

    @Option(
            names = "--camera-command",
            defaultValue = "${env:FCS_CAMERA_COMMAND}",
            description = "with --scanner camera: the frame grabber program and its arguments, separated by spaces; "
                    + "it writes raw 8-bit grey frames of --camera-size to its standard output (env "
                    + "FCS_CAMERA_COMMAND; default: ffmpeg reading --camera-device)")
    String cameraCommand;

    @Option(
            names = "--enrol-scan",
            defaultValue = "${env:FCS_ENROL_SCAN:-false}",
            description = "first start: show the enrolment screen and enrol from the one-time QR shown to the "
                    + "terminal's QR scanner (--scanner), then start as enrolled (env FCS_ENROL_SCAN)")
    boolean enrolScan;

    @Option(
            names = "--terminal-id",
            defaultValue = "${env:FCS_TERMINAL_ID}",
            description = "this terminal's enrolled id, a UUID (env FCS_TERMINAL_ID; default: the one stored, "
                    + "else a new one)")
    String terminalId;

    @Option(
            names = "--festival-id",
            defaultValue = "${env:FCS_FESTIVAL_ID}",
            description = "festival id, a UUID (env FCS_FESTIVAL_ID; default: stored or downlinked config)")
    String festivalId;

    @Option(
            names = "--zone-id",
            defaultValue = "${env:FCS_ZONE_ID}",
            description = "zone id of this terminal, a UUID (env FCS_ZONE_ID)")
    String zoneId;

    @Option(
            names = "--zone-number",
            defaultValue = "${env:FCS_ZONE_NUMBER}",
            description = "number 0..31 of this gate's zone as tickets name zones (env FCS_ZONE_NUMBER, default 0)")
    Integer zoneNumber;

    @Option(
            names = "--place",
            defaultValue = "${env:FCS_PLACE:-}",
            description = "human name of this bar or gate shown on refusals elsewhere (env FCS_PLACE)")
    String place = "";

    @Option(
            names = "--signing-key",
            defaultValue = "${env:FCS_SIGNING_KEY}",
            description = "file holding this terminal's Ed25519 seed in base64 (env FCS_SIGNING_KEY; default: the "
                    + "key stored at enrolment in the data folder, else a new one is generated)")
    Path signingKey;

    @Option(
            names = "--ticket-key",
            defaultValue = "${env:FCS_TICKET_KEYS}",
            split = ",",
            description = "trusted festival ticket keys: base64 of the raw 32-byte Ed25519 public keys, optionally "
                    + "named name:key, comma separated (env FCS_TICKET_KEYS; stored for cold starts)")
    String[] ticketKeys = new String[0];

    @Option(
            names = "--writer-key",
            defaultValue = "${env:FCS_WRITER_KEYS}",
            split = ",",
            description = "other terminals of the festival whose wristband writes this one trusts: "
                    + "terminalUUID:base64 of the raw 32-byte Ed25519 public key, comma separated "
                    + "(env FCS_WRITER_KEYS; stored for cold starts)")
    String[] writerKeys = new String[0];

    @Option(
            names = "--wristband-key",
            defaultValue = "${env:FCS_WRISTBAND_KEY}",
            description = "festival wristband master key, 32 hex digits (env FCS_WRISTBAND_KEY; stored at "
                    + "enrolment; demo default: zeros)")
    String wristbandKey;

    @Option(
            names = "--edge",
            defaultValue = "${env:FCS_EDGE_URL:-mqtt://127.0.0.1:1883}",
            description = "edge node MQTT address mqtt://host:port or mqtts://host:port (env FCS_EDGE_URL, "
                    + "default ${DEFAULT-VALUE}); 'none' runs offline only")
    String edge = "mqtt://127.0.0.1:1883";

    @Option(
            names = "--tls-keystore",
            defaultValue = "${env:FCS_TLS_KEYSTORE}",
            description =
                    "PKCS#12 file with the terminal's client certificate and key for mqtts (env FCS_TLS_KEYSTORE)")
    Path tlsKeystore;

    @Option(
            names = "--tls-keystore-password",
            defaultValue = "${env:FCS_TLS_KEYSTORE_PASSWORD:-}",
            description = "password of the PKCS#12 keystore (env FCS_TLS_KEYSTORE_PASSWORD)")
    String tlsKeystorePassword = "";

    @Option(
            names = "--tls-truststore",
            defaultValue = "${env:FCS_TLS_TRUSTSTORE}",
            description = "PKCS#12 file with the festival root CA that signs the edge's certificate "
                    + "(env FCS_TLS_TRUSTSTORE)")
    Path tlsTruststore;

    @Option(
            names = "--reader",
            defaultValue = "${env:FCS_READER:-simulated}",
            converter = ReaderConverter.class,
            description = "NFC reader: pcsc | simulated (env FCS_READER, default ${DEFAULT-VALUE})")
    ReaderChoice reader = ReaderChoice.SIMULATED;

    @Option(
            names = "--reader-name",
            defaultValue = "${env:FCS_READER_NAME:-}",
            description = "PC/SC reader name to use (substring match; env FCS_READER_NAME, default: the first)")
    String readerName = "";

    @Option(
            names = "--scanner",
            defaultValue = "${env:FCS_SCANNER:-wedge}",
            converter = ScannerConverter.class,
            description = "QR scanner: wedge | camera | simulated (env FCS_SCANNER, default ${DEFAULT-VALUE})")
    ScannerChoice scanner = ScannerChoice.WEDGE;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:FCS_DATA_DIR:-./data/terminal}",
            description = "folder of the SQLite store and keys (env FCS_DATA_DIR, default ${DEFAULT-VALUE})")
    Path dataDir = Path.of("./data/terminal");

    @Option(
            names = "--lang",
            defaultValue = "${env:FCS_LANG:-fr}",
            description = "screen language fr | en (env FCS_LANG, default ${DEFAULT-VALUE})")
    String language = "fr";

    @Option(
            names = "--supervisor-pin",
            defaultValue = "${env:FCS_SUPERVISOR_PIN}",
            description = "PIN of the supervisor who may void a sale (env FCS_SUPERVISOR_PIN; also downlinked)")
    String supervisorPin;

    @Option(
            names = "--staff",
            defaultValue = "${env:FCS_STAFF}",
            split = ",",
            description = "staff allowed on this terminal: name:pin[:badgeUidHex][:supervisor], comma separated "
                    + "(env FCS_STAFF; also downlinked)")
    String[] staff = new String[0];

    @Option(
            names = "--headless",
            defaultValue = "${env:FCS_HEADLESS:-false}",
            description = "run without a screen (env FCS_HEADLESS)")
    boolean headless;

    @Option(
            names = "--simulate",
            defaultValue = "${env:FCS_SIMULATE:-0}",
            description = "with --headless: run N simulated terminals (POS and gates) with simulated wristbands "
                    + "and tickets through the real code paths, then print a summary (env FCS_SIMULATE)")
    int simulate;

    @Option(
            names = "--simulate-taps",
            defaultValue = "${env:FCS_SIMULATE_TAPS:-50}",
            description = "taps or scans per simulated terminal (env FCS_SIMULATE_TAPS, default ${DEFAULT-VALUE})")
    int simulateTaps = 50;

    public Mode mode() {
        return mode;
    }

    public Path dataDir() {
        return dataDir;
    }

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return Mode.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class ReaderConverter implements picocli.CommandLine.ITypeConverter<ReaderChoice> {
        @Override
        public ReaderChoice convert(String value) {
            return ReaderChoice.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class ScannerConverter implements picocli.CommandLine.ITypeConverter<ScannerChoice> {
        @Override
        public ScannerChoice convert(String value) {
            return ScannerChoice.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
