package io.fcs.provisioning;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a command gets from the world: environment variables, the clock, randomness, and whether
 * its output is an interactive terminal. Tests pass their own.
 */
public record Context(
        Map<String, String> environment,
        Clock clock,
        SecureRandom random,
        boolean interactive,
        PasswordPrompt prompt,
        io.fcs.provisioning.wristband.SimulatedWristbands simulatedWristbands) {

    /** Asks the operator for a secret without echo; empty when there is nobody to ask. */
    @FunctionalInterface
    public interface PasswordPrompt {
        Optional<char[]> ask(String question);
    }

    public Context {
        environment = Map.copyOf(environment);
    }

    public static Context system() {
        java.io.Console console = System.console();
        boolean interactive = console != null && isTerminal(console);
        PasswordPrompt prompt = question -> {
            java.io.Console c = System.console();
            if (c == null) {
                return Optional.empty();
            }
            char[] answer = c.readPassword("%s", question);
            return Optional.ofNullable(answer);
        };
        SecureRandom random = new SecureRandom();
        return new Context(
                System.getenv(),
                Clock.systemUTC(),
                random,
                interactive,
                prompt,
                io.fcs.provisioning.wristband.SimulatedWristbands.fresh(random));
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isEmpty());
    }

    /** {@code Console.isTerminal()} exists from JDK 22 on; before, a console is a terminal. */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
