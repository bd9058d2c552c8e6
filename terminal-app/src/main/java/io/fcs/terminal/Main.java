package io.fcs.terminal;

import java.io.PrintWriter;
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
}
