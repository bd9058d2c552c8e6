package io.fcs.terminal;

import java.io.PrintWriter;

/** {@code --headless --simulate N}: N simulated terminals in one JVM through the real code paths. */
final class Simulation {

    private Simulation() {}

    static int run(TerminalOptions options, PrintWriter out) {
        out.println("simulation needs the protocol's simulated wristbands and tickets");
        return 1;
    }
}
