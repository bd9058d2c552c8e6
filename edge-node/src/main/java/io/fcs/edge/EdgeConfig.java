package io.fcs.edge;

import io.fcs.edge.broker.BrokerSettings;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The edge's settings, read from the command line, the environment and an optional properties
 * file (in that precedence). Invalid settings fail at start with the option's name.
 */
public record EdgeConfig(
        FestivalId festival,
        ZoneId zone,
        EdgeId edgeId,
        Ed25519.SigningKey edgeKey,
        URI centralUrl,
        Path dataDir,
        Optional<String> externalBrokerUrl,
        BrokerSettings broker,
        String httpBind,
        int httpPort,
        Duration syncInterval,
        int uplinkBatch,
        Duration presenceInterval,
        int maxMessageBytes,
        int authThreads,
        boolean dev,
        boolean help) {

    /** Parses {@code args} over {@code env}; throws {@link IllegalArgumentException} naming the bad option. */
    public static EdgeConfig parse(String[] args, Map<String, String> env) {
        Map<Option, String> cli = new EnumMap<>(Option.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (see --help)");
            }
            String flag = arg.substring(2);
            String inline = null;
            int eq = flag.indexOf('=');
            if (eq > 0) {
                inline = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            Option option = Option.byFlag(flag);
            if (inline != null) {
                cli.put(option, inline);
            } else if (option.isSwitch()) {
                cli.put(option, "true");
            } else if (i + 1 < args.length) {
                cli.put(option, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + flag + " needs a value");
            }
        }
        Map<Option, String> values = new EnumMap<>(Option.class);
        String configFile = pick(Option.CONFIG, cli, env, Map.of());
        Map<Option, String> file = configFile.isBlank() ? Map.of() : readFile(Path.of(configFile));
        for (Option option : Option.values()) {
            values.put(option, pick(option, cli, env, file));
        }
        return from(values);
    }

    private static String pick(
            Option option, Map<Option, String> cli, Map<String, String> env, Map<Option, String> file) {
        if (cli.containsKey(option)) {
            return cli.get(option);
        }
        if (!option.env.isEmpty() && env.get(option.env) != null) {
            return env.get(option.env);
        }
        return file.getOrDefault(option, option.defaultValue);
    }

    private static Map<Option, String> readFile(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --config " + path, e);
        }
        Map<Option, String> out = new EnumMap<>(Option.class);
        for (String key : properties.stringPropertyNames()) {
            out.put(Option.byFlag(key), properties.getProperty(key).trim());
        }
        return out;
    }

    private static EdgeConfig from(Map<Option, String> v) {
        boolean help = bool(v, Option.HELP);
        boolean dev = bool(v, Option.DEV);
        boolean plain = dev || bool(v, Option.PLAIN_TCP);
        if (help) {
            return devDefaults(v, true);
        }
        if (dev) {
            return devDefaults(v, false);
        }
        FestivalId festival = required(v, Option.FESTIVAL, FestivalId::parse);
        ZoneId zone = required(v, Option.ZONE, ZoneId::parse);
        EdgeId edgeId = required(v, Option.EDGE_ID, EdgeId::parse);
        Ed25519.SigningKey key = required(v, Option.EDGE_KEY, EdgeConfig::readKey);
        Optional<BrokerSettings.Tls> tls = Optional.empty();
        if ((!plain && v.get(Option.BROKER_URL).isBlank())
                || !v.get(Option.TLS_KEYSTORE).isBlank()) {
            tls = Optional.of(new BrokerSettings.Tls(
                    Path.of(required(v, Option.TLS_KEYSTORE, String::trim).toString()),
                    v.get(Option.TLS_KEYSTORE_PASSWORD),
                    Path.of(required(v, Option.TLS_TRUSTSTORE, String::trim).toString()),
                    v.get(Option.TLS_TRUSTSTORE_PASSWORD)));
        }
        return build(v, festival, zone, edgeId, key, tls, v.get(Option.MQTT_BIND), v.get(Option.HTTP_BIND), false);
    }

    private static EdgeConfig devDefaults(Map<Option, String> v, boolean help) {
        FestivalId festival =
                v.get(Option.FESTIVAL).isBlank() ? FestivalId.random() : FestivalId.parse(v.get(Option.FESTIVAL));
        ZoneId zone = v.get(Option.ZONE).isBlank() ? ZoneId.random() : ZoneId.parse(v.get(Option.ZONE));
        Map<Option, String> dev = new EnumMap<>(v);
        if (v.get(Option.MQTT_PORT).equals(Option.MQTT_PORT.defaultValue)) {
            dev.put(Option.MQTT_PORT, "1883");
        }
        EdgeConfig config = build(
                dev,
                festival,
                zone,
                EdgeId.random(),
                Ed25519.generate(),
                Optional.empty(),
                "127.0.0.1",
                "127.0.0.1",
                true);
        return help ? config.withHelp() : config;
    }

    private EdgeConfig withHelp() {
        return new EdgeConfig(
                festival,
                zone,
                edgeId,
                edgeKey,
                centralUrl,
                dataDir,
                externalBrokerUrl,
                broker,
                httpBind,
                httpPort,
                syncInterval,
                uplinkBatch,
                presenceInterval,
                maxMessageBytes,
                authThreads,
                dev,
                true);
    }

    private static EdgeConfig build(
            Map<Option, String> v,
            FestivalId festival,
            ZoneId zone,
            EdgeId edgeId,
            Ed25519.SigningKey key,
            Optional<BrokerSettings.Tls> tls,
            String mqttBind,
            String httpBind,
            boolean dev) {
        int maxMessage = integer(v, Option.MAX_MESSAGE_BYTES, 1024, 256 << 20);
        String brokerUrl = v.get(Option.BROKER_URL).trim();
        return new EdgeConfig(
                festival,
                zone,
                edgeId,
                key,
                URI.create(v.get(Option.CENTRAL_URL).replaceAll("/+$", "")),
                Path.of(v.get(Option.DATA_DIR)),
                brokerUrl.isEmpty() ? Optional.empty() : Optional.of(brokerUrl),
                new BrokerSettings(
                        mqttBind, integer(v, Option.MQTT_PORT, 0, 65_535), Math.min(268_435_455, maxMessage * 2), tls),
                httpBind,
                integer(v, Option.HTTP_PORT, 0, 65_535),
                Duration.ofMillis(integer(v, Option.SYNC_INTERVAL_MS, 10, 3_600_000)),
                integer(v, Option.UPLINK_BATCH, 1, 100_000),
                Duration.ofMillis(integer(v, Option.PRESENCE_INTERVAL_MS, 100, 3_600_000)),
                maxMessage,
                integer(v, Option.AUTH_THREADS, 1, 1024),
                dev,
                false);
    }

    static Ed25519.SigningKey readKey(String file) {
        try {
            byte[] seed =
                    Base64.getDecoder().decode(Files.readString(Path.of(file)).trim());
            return Ed25519.SigningKey.fromSeed(seed);
        } catch (IOException e) {
            throw new IllegalArgumentException("--edge-key: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(Map<Option, String> v, Option option) {
        String value = v.get(option).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off", "" -> false;
            default -> throw new IllegalArgumentException("--" + option.flag + " must be true or false, was " + value);
        };
    }

    private static int integer(Map<Option, String> v, Option option, int min, int max) {
        try {
            int value = Integer.parseInt(v.get(option).trim());
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        "--" + option.flag + " must be within " + min + ".." + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option.flag + " must be a number, was " + v.get(option), e);
        }
    }

    private static <T> T required(Map<Option, String> v, Option option, java.util.function.Function<String, T> parse) {
        String value = v.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "--" + option.flag + " (env " + option.env + ") is required outside --dev");
        }
        try {
            return parse.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + option.flag + ": " + e.getMessage(), e);
        }
    }

    public static String helpText() {
        return Option.help();
    }
}
