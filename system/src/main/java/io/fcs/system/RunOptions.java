package io.fcs.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Options of the one-machine festival. Each comes from {@code --name=value} or from its
 * environment variable; the command line wins.
 */
record RunOptions(Path root, Path dataDir, int centralPort, String adminEmail, String adminPassword, Duration runFor) {

    static final String DEFAULT_ADMIN_EMAIL = "admin@festival.local";
    static final String DEFAULT_ADMIN_PASSWORD = "festival-demo-admin";

    static final String HELP = """
            Usage: ./mvnw -q -pl system -am -DskipTests package exec:exec
                   (or: java -cp system/target/classes io.fcs.system.FestivalOnOneMachine [--option=value ...])

            Runs a whole festival on this machine on embedded defaults: central (H2 database), and
            each part that is built, as separate processes. Prints the URLs and a live summary;
            Ctrl-C stops everything cleanly. Every option can also be set by the environment
            variable in brackets.

              --root=DIR               [FCS_ROOT] repository root holding the built modules (default: .)
              --data-dir=DIR           [FCS_DATA_DIR] where every process keeps its data (default: <root>/data/festival)
              --central-port=8080      [CENTRAL_PORT] central's HTTP port
              --admin-email=EMAIL      [CENTRAL_ADMIN_EMAIL] the ADMIN created on an empty database
                                       (default: admin@festival.local)
              --admin-password=SECRET  [CENTRAL_ADMIN_PASSWORD] its password (default: festival-demo-admin)
              --run-seconds=N          [FCS_RUN_SECONDS] stop by itself after N seconds (default: run until Ctrl-C)
              --help                   print this text and exit
            """;

    static RunOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException(
                        "unknown argument '" + arg + "' (expected --name=value; see --help)");
            }
            int eq = arg.indexOf('=');
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Function<String, String> envOr = name -> env.get(name);
        Path root = Path.of(pick(given, "root", envOr.apply("FCS_ROOT"), "."))
                .toAbsolutePath()
                .normalize();
        Path data = Path.of(pick(
                        given,
                        "data-dir",
                        envOr.apply("FCS_DATA_DIR"),
                        root.resolve("data/festival").toString()))
                .toAbsolutePath()
                .normalize();
        int port = parsePort(pick(given, "central-port", envOr.apply("CENTRAL_PORT"), "8080"));
        String email = pick(given, "admin-email", envOr.apply("CENTRAL_ADMIN_EMAIL"), DEFAULT_ADMIN_EMAIL);
        String password = pick(given, "admin-password", envOr.apply("CENTRAL_ADMIN_PASSWORD"), DEFAULT_ADMIN_PASSWORD);
        String seconds = pick(given, "run-seconds", envOr.apply("FCS_RUN_SECONDS"), "0");
        Duration runFor = Duration.ofSeconds(parseNonNegative("run-seconds", seconds));
        given.keySet()
                .removeAll(java.util.Set.of(
                        "root", "data-dir", "central-port", "admin-email", "admin-password", "run-seconds"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option --" + given.keySet().iterator().next() + " (see --help)");
        }
        return new RunOptions(root, data, port, email, password, runFor);
    }

    private static String pick(Map<String, String> given, String name, String fromEnv, String fallback) {
        String value = given.get(name);
        if (value != null) {
            return value;
        }
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : fallback;
    }

    private static int parsePort(String text) {
        long port = parseNonNegative("central-port", text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("central-port must be 1..65535, was " + text);
        }
        return (int) port;
    }

    private static long parseNonNegative(String name, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
        }
    }
}
