package io.fcs.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The provisioning command line, run as the organiser's technical team runs it: {@code java -jar
 * provisioning.jar <command> …} as its own process, secrets through its environment variables,
 * its exit code and output kept.
 */
final class ProvisioningTool {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What one command answered. */
    record Result(List<String> command, int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        /** Fails with the command and its output unless it exited 0. */
        Result orFail() {
            if (!ok()) {
                throw new IllegalStateException("provisioning " + String.join(" ", command) + " exited " + exitCode
                        + ":" + System.lineSeparator() + output.strip());
            }
            return this;
        }
    }

    private final Path jar;
    private final Map<String, String> env;

    ProvisioningTool(Path jar, Map<String, String> env) {
        this.jar = jar;
        this.env = Map.copyOf(env);
    }

    /** The same tool with more environment variables (the later value wins). */
    ProvisioningTool with(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(more);
        return new ProvisioningTool(jar, all);
    }

    Result run(String... args) {
        return run(List.of(args));
    }

    Result run(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar"));
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // nothing of the caller's provisioning settings leaks in: only what this tool was given
        builder.environment().keySet().removeIf(name -> name.startsWith("FCS_"));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(args, -1, new String(output, StandardCharsets.UTF_8) + "(timed out)");
            }
            return new Result(args, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(args, -1, "cannot start the provisioning tool: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(args, -1, "interrupted");
        }
    }
}
