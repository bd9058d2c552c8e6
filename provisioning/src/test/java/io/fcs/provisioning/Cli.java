package io.fcs.provisioning;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** Runs the provisioning command line in-process with captured output, a fixed clock and env. */
public final class Cli {

    public static final String PASSWORD = "correct horse battery";

    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.fixed(Instant.parse("2026-07-01T10:00:00Z"), ZoneOffset.UTC);
    private final Path passwordFile;

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    public Cli(Path dir) {
        try {
            passwordFile = dir.resolve("password.txt");
            Files.writeString(passwordFile, PASSWORD + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        env.put("FCS_PASSWORD_FILE", passwordFile.toString());
    }

    public Cli env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    private io.fcs.provisioning.wristband.SimulatedWristbands wristbands =
            io.fcs.provisioning.wristband.SimulatedWristbands.fresh(new java.util.Random(7));

    /** The simulated reader and its supply of tags for {@code --reader simulated}. */
    public Cli wristbands(io.fcs.provisioning.wristband.SimulatedWristbands simulated) {
        wristbands = simulated;
        return this;
    }

    public Cli at(Instant now) {
        clock = Clock.fixed(now, ZoneOffset.UTC);
        return this;
    }

    public Instant now() {
        return clock.instant();
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public Result run(String... args) {
        return run(new StringWriter(), args);
    }

    /** Runs with standard output going to {@code out} as it is printed (to follow a long command). */
    public Result run(StringWriter out, String... args) {
        Context context = new Context(env, clock, new SecureRandom(), false, question -> Optional.empty(), wristbands);
        CommandLine cli = Provisioning.commandLine(context);
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
