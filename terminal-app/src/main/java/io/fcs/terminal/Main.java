package io.fcs.terminal;

import io.fcs.terminal.enrol.Enrolment;
import io.fcs.terminal.store.TerminalStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Entry point of the runnable jar. Not the JavaFX {@code Application} (a jar whose main class
 * extends it refuses to start without JavaFX on the module path): parses the options, then
 * starts the screens ({@link FxApplication}) or the headless simulation.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int exit = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Runs with the given arguments; answers the process exit code. Visible for tests. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        TerminalOptions options = new TerminalOptions();
        CommandLine commandLine = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            commandLine.usage(err);
            return 2;
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return 0;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            return 0;
        }
        try {
            TerminalIdentity.writerKeys(options.writerKeys);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (options.enrol != null || (options.enrolQr != null && !options.enrolQr.isBlank())) {
            Enrolment.Outcome outcome = enrol(options, Clock.systemUTC(), Enrolment.http());
            if (outcome instanceof Enrolment.Refused refused) {
                err.println("enrolment refused (" + refused.reason() + "): " + refused.message());
                return 3;
            }
            out.println(outcome.message());
        }
        applyEnrolled(options, commandLine.getParseResult());
        if (options.headless) {
            if (options.simulate < 1) {
                err.println("--headless needs --simulate N (N >= 1): a terminal without a screen only simulates");
                return 2;
            }
            return Simulation.run(options, out);
        }
        FxApplication.launchWith(options);
        return 0;
    }

    /** Enrols from {@code --enrol} / {@code --enrol-qr}; a refusal stores nothing. */
    static Enrolment.Outcome enrol(TerminalOptions options, Clock clock, Enrolment.BundleSource source) {
        try (TerminalStore store = TerminalStore.open(options.dataDir)) {
            Enrolment enrolment = new Enrolment(store, clock, source);
            if (options.enrolQr != null && !options.enrolQr.isBlank()) {
                return enrolment.fromQr(options.enrolQr, Optional.ofNullable(options.enrol));
            }
            return enrolment.fromFile(options.enrol);
        }
    }

    /**
     * The enrolled mode and edge address apply unless given on the command line or in the
     * environment: a terminal enrolled once cold-starts as what it was enrolled for.
     */
    static void applyEnrolled(TerminalOptions options, CommandLine.ParseResult parsed) {
        options.modeGiven = parsed.hasMatchedOption("--mode") || System.getenv("FCS_MODE") != null;
        options.edgeGiven = parsed.hasMatchedOption("--edge") || System.getenv("FCS_EDGE_URL") != null;
        applyEnrolled(options);
    }

    /** The same after an enrolment on screen, with what was given on the command line noted. */
    static void applyEnrolled(TerminalOptions options) {
        if (!Files.exists(options.dataDir.resolve("terminal.db"))) {
            return;
        }
        boolean modeGiven = options.modeGiven;
        boolean edgeGiven = options.edgeGiven;
        if (modeGiven && edgeGiven) {
            return;
        }
        try (TerminalStore store = TerminalStore.open(options.dataDir)) {
            if (!modeGiven) {
                store.setting(Enrolment.MODE).ifPresent(mode -> options.mode = TerminalOptions.Mode.valueOf(mode));
            }
            if (!edgeGiven) {
                store.setting(Enrolment.EDGE).filter(edge -> !edge.isBlank()).ifPresent(edge -> options.edge = edge);
            }
        }
    }
}
