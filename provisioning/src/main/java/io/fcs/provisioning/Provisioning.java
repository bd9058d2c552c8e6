package io.fcs.provisioning;

import io.fcs.provisioning.enrol.EnrolCommand;
import io.fcs.provisioning.enrol.RevokeCommand;
import io.fcs.provisioning.enrol.ServeEnrolmentCommand;
import io.fcs.provisioning.keys.KeysCommand;
import io.fcs.provisioning.tickets.TicketsCommand;
import io.fcs.provisioning.wristband.WristbandCommand;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The provisioning command line: key ceremony, enrolment of terminals and edges, revocation,
 * wristband encoding, ticket printing. {@code java -jar provisioning.jar --help}.
 */
@Command(
        name = "provisioning",
        mixinStandardHelpOptions = true,
        version = "provisioning 0.1.0",
        description = "Festival key ceremony, device enrolment, wristband encoding and ticket printing.",
        subcommands = {
            KeysCommand.class,
            EnrolCommand.class,
            RevokeCommand.class,
            ServeEnrolmentCommand.class,
            WristbandCommand.class,
            TicketsCommand.class
        },
        footer = {
            "",
            "Every option can also be set by an environment variable: FCS_ + the long",
            "option name in upper case, '_' for '-' (--central-token: FCS_CENTRAL_TOKEN).",
            "Exit codes: 0 ok, 1 usage, 2 refused input, 3 I/O or device, 4 central refused."
        })
public final class Provisioning implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(commandLine(Context.system()).execute(args));
    }

    /** The whole command tree wired to a context (tests pass their own, with captured writers). */
    public static CommandLine commandLine(Context context) {
        CommandLine cli = new CommandLine(new Provisioning(), factory(context));
        cli.setDefaultValueProvider(new EnvDefaults(context));
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> report(exception, commandLine));
        cli.setParameterExceptionHandler((exception, args) -> {
            // one line, like every other error; the full usage is one --help away
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("error: " + exception.getMessage() + " (see: "
                    + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        setUsageExitCode(cli);
        return cli;
    }

    private static void setUsageExitCode(CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getSubcommands().values().forEach(Provisioning::setUsageExitCode);
    }

    private static int report(Exception exception, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        int code;
        String message;
        if (exception instanceof ProvisioningException refused) {
            code = refused.exitCode();
            message = refused.getMessage();
        } else if (exception instanceof java.io.UncheckedIOException || exception instanceof java.io.IOException) {
            code = ExitCodes.IO;
            message = "I/O failure: " + exception.getMessage();
        } else {
            code = ExitCodes.IO;
            message = "unexpected failure: " + exception;
        }
        err.println("error: " + message);
        err.flush();
        return code;
    }

    private static CommandLine.IFactory factory(Context context) {
        CommandLine.IFactory fallback = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                    if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Context.class) {
                        constructor.setAccessible(true);
                        return type.cast(constructor.newInstance(context));
                    }
                }
                return fallback.create(type);
            }
        };
    }
}
