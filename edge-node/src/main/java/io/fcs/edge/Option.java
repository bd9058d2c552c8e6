package io.fcs.edge;

/**
 * Every option of the edge node: command-line name, environment variable, default and meaning.
 * {@code --help} prints this table; {@code docs/operations.md} lists the same rows.
 */
enum Option {
    CONFIG("config", "EDGE_CONFIG", "", "properties file with any of these options (keys without the leading --)"),
    FESTIVAL("festival", "EDGE_FESTIVAL_ID", "", "festival id (UUID)"),
    ZONE("zone", "EDGE_ZONE_ID", "", "zone id (UUID) this edge serves"),
    EDGE_ID("edge-id", "EDGE_ID", "", "this edge's enrolled id (UUID)"),
    EDGE_KEY("edge-key", "EDGE_KEY_FILE", "", "file with this edge's Ed25519 seed (base64 of 32 bytes)"),
    CENTRAL_URL("central-url", "EDGE_CENTRAL_URL", "http://127.0.0.1:8080", "central's base URL (sync API)"),
    DATA_DIR("data-dir", "EDGE_DATA_DIR", "./data/edge", "folder of the durable store and the embedded broker's files"),
    BROKER_URL(
            "broker-url",
            "EDGE_BROKER_URL",
            "",
            "external MQTT 5 broker (tcp://host:port or ssl://host:port); empty = start the embedded broker"),
    MQTT_BIND("mqtt-bind", "EDGE_MQTT_BIND", "0.0.0.0", "embedded broker: address terminals connect to"),
    MQTT_PORT("mqtt-port", "EDGE_MQTT_PORT", "8883", "embedded broker: port (TLS unless --plain-tcp)"),
    TLS_KEYSTORE("tls-keystore", "EDGE_TLS_KEYSTORE", "", "PKCS#12 with the edge's certificate and key (festival CA)"),
    TLS_KEYSTORE_PASSWORD("tls-keystore-password", "EDGE_TLS_KEYSTORE_PASSWORD", "", "password of the key store"),
    TLS_TRUSTSTORE("tls-truststore", "EDGE_TLS_TRUSTSTORE", "", "PKCS#12 trust store with the festival CA certificate"),
    TLS_TRUSTSTORE_PASSWORD(
            "tls-truststore-password", "EDGE_TLS_TRUSTSTORE_PASSWORD", "", "password of the trust store"),
    PLAIN_TCP("plain-tcp", "EDGE_PLAIN_TCP", "false", "MQTT without TLS: development only, logged loudly"),
    HTTP_BIND("http-bind", "EDGE_HTTP_BIND", "0.0.0.0", "address of /metrics and /health"),
    HTTP_PORT("http-port", "EDGE_HTTP_PORT", "9464", "port of /metrics and /health (0 = any free port)"),
    SYNC_INTERVAL_MS("sync-interval-ms", "EDGE_SYNC_INTERVAL_MS", "1000", "how often wallets and deny list are polled"),
    UPLINK_BATCH("uplink-batch", "EDGE_UPLINK_BATCH", "500", "records per POST /sync/v1/records"),
    PRESENCE_INTERVAL_MS(
            "presence-interval-ms", "EDGE_PRESENCE_INTERVAL_MS", "10000", "how often presence goes to central"),
    MAX_MESSAGE_BYTES(
            "max-message-bytes", "EDGE_MAX_MESSAGE_BYTES", "1048576", "largest MQTT message accepted from terminals"),
    AUTH_THREADS(
            "auth-threads",
            "EDGE_AUTH_THREADS",
            "8",
            "threads deciding taps and ticket admissions (taps never wait for the store: their answers leave"
                    + " when the shared commit is durable; a ticket admission waits for its own commit)"),
    DEV("dev", "EDGE_DEV", "false", "development: throwaway identity, plain TCP on loopback only"),
    HELP("help", "", "false", "print this help and exit");

    final String flag;
    final String env;
    final String defaultValue;
    final String description;

    Option(String flag, String env, String defaultValue, String description) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    boolean isSwitch() {
        return this == PLAIN_TCP || this == DEV || this == HELP;
    }

    static Option byFlag(String flag) {
        for (Option option : values()) {
            if (option.flag.equals(flag)) {
                return option;
            }
        }
        throw new IllegalArgumentException("unknown option --" + flag + " (see --help)");
    }

    static String help() {
        StringBuilder out = new StringBuilder("Usage: java -jar edge-node.jar [options]\n"
                + "The zone's edge node: MQTT broker for the terminals, record inbox, wallet\n"
                + "authority, anti-passback, store-and-forward to central.\n"
                + "Precedence: command line > environment > --config file > default.\n\n");
        for (Option option : values()) {
            String name = "--" + option.flag + (option.isSwitch() ? "" : " <value>");
            out.append("  %-32s %s%n".formatted(name, option.description));
            String env = option.env.isEmpty() ? "" : "env " + option.env;
            String def = option.defaultValue.isEmpty() ? "" : "default " + option.defaultValue;
            String tail = String.join(
                    ", ",
                    java.util.stream.Stream.of(env, def)
                            .filter(s -> !s.isEmpty())
                            .toList());
            if (!tail.isEmpty()) {
                out.append("  %-32s (%s)%n".formatted("", tail));
            }
        }
        return out.toString();
    }
}
