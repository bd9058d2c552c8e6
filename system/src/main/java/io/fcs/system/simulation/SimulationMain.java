package io.fcs.system.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The soak: runs many seeds of the deterministic festival simulation and prints one line per
 * seed; on a failing seed, its violations and the one command that replays it. Exit code 1 when a
 * seed failed, 2 on bad options.
 */
public final class SimulationMain {

    private static final String HELP = """
            Deterministic festival simulation (terminals, edges, central, hostile network, crashes,
            torn / cloned / rolled-back wristbands); checks the invariants of DESIGN §7 per seed.

            Options (each also an environment variable):
              --seeds N         how many seeds to run                  FCS_SIM_SEEDS      (default 10)
              --first-seed S    the first seed; then S+1, S+2, ...      FCS_SIM_FIRST_SEED (default 1)
              --terminals M     POS + kiosks + gates (at least 3)       FCS_SIM_TERMINALS  (default 200)
              --wristbands W    attendees with a wristband and wallet   FCS_SIM_WRISTBANDS (default 400)
              --minutes T       virtual minutes of traffic per seed     FCS_SIM_MINUTES    (default 2)
              --help            this text
            """;

    private SimulationMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        long seeds;
        long firstSeed;
        int terminals;
        int minutes;
        int wristbands;
        try {
            Map<String, String> options = parse(args);
            if (options.containsKey("help")) {
                System.out.print(HELP);
                return;
            }
            seeds = Long.parseLong(option(options, env, "seeds", "FCS_SIM_SEEDS", "10"));
            firstSeed = Long.parseLong(option(options, env, "first-seed", "FCS_SIM_FIRST_SEED", "1"));
            terminals = Integer.parseInt(option(
                    options, env, "terminals", "FCS_SIM_TERMINALS", Integer.toString(Scenario.DEFAULT_TERMINALS)));
            wristbands = Integer.parseInt(option(
                    options, env, "wristbands", "FCS_SIM_WRISTBANDS", Integer.toString(Scenario.DEFAULT_WRISTBANDS)));
            minutes = Integer.parseInt(
                    option(options, env, "minutes", "FCS_SIM_MINUTES", Integer.toString(Scenario.DEFAULT_MINUTES)));
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, was " + seeds);
            }
            Scenario.of(firstSeed, terminals, wristbands, minutes); // validates
        } catch (IllegalArgumentException e) { // NumberFormatException included
            System.err.println("error: " + e.getMessage());
            System.err.print(HELP);
            System.exit(2);
            return;
        }
        long failed = 0;
        long events = 0;
        long wall = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            Scenario scenario = Scenario.of(seed, terminals, wristbands, minutes);
            FestivalSimulation.RunReport report = new FestivalSimulation(scenario).run();
            events += report.events();
            wall += report.wallMillis();
            System.out.println((report.passed() ? "PASS " : "FAIL ") + report.summary() + " trace="
                    + report.traceHash().substring(0, 16) + " wall=" + report.wallMillis() + "ms");
            if (!report.passed()) {
                failed++;
                report.violations().forEach(v -> System.out.println("  violated: " + v));
                System.out.println("  replay: " + scenario.replayCommand());
            }
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%d seeds, %d failed; %d simulated events in %.1f s = %.0f events/s (%.1f s of CPU: %.0f events per CPU"
                        + " second)%n",
                seeds,
                failed,
                events,
                wall / 1000.0,
                wall == 0 ? 0.0 : events * 1000.0 / wall,
                cpu,
                cpu <= 0 ? 0.0 : events / cpu);
        if (failed > 0) {
            System.exit(1);
        }
    }

    /** Accepts {@code --name value} and {@code --name=value}. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.TreeMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("help")) {
                value = "";
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!List.of("seeds", "first-seed", "terminals", "wristbands", "minutes", "help")
                    .contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    private static String option(
            Map<String, String> options, Map<String, String> env, String name, String variable, String fallback) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            value = env.get(variable);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
