package io.fcs.system.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One built part of the festival (central, an edge, a broker) running as its own operating-system
 * process, its output appended to a log file. Can be stopped politely (SIGTERM) or killed the way
 * a power cut would (SIGKILL, nothing flushed, no shutdown hook).
 */
public final class SystemProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    private SystemProcess(String name, List<String> command, Map<String, String> env, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /**
     * JVM options of a child: small heap, serial GC; quick-start JIT (C1 only) unless
     * {@code -Dfcs.child.fullJit=true} (the benchmark).
     */
    public static List<String> jvm(String heap) {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", heap, "-Xss512k"));
        if (!Boolean.getBoolean("fcs.child.fullJit")) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        return options;
    }

    /** {@code java <jvm> -jar <jar> <args>} with the JDK that runs the tests (21+). */
    public static SystemProcess java(
            String name, Path jar, List<String> jvm, List<String> args, Map<String, String> env, Path logDir)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvm);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return of(name, command, env, logDir);
    }

    /** Any program (an external MQTT broker). */
    public static SystemProcess of(String name, List<String> command, Map<String, String> env, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        SystemProcess p = new SystemProcess(name, command, env, logDir.resolve(name + ".log"));
        p.start();
        return p;
    }

    /** Starts the same command again (after a stop or a kill), on the same data. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.writeString(
                log,
                "---- start " + java.time.Instant.now() + " ----" + System.lineSeparator(),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the process dies at once, whatever it was writing. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        await(process, Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    public synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!await(process, grace)) {
            process.destroyForcibly();
            await(process, Duration.ofSeconds(10));
        }
    }

    private static boolean await(Process process, Duration wait) {
        try {
            return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines of the log, for a failure message. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return name + " log (" + log + "):" + System.lineSeparator()
                    + String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log of " + name + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }
}
