package io.fcs.provisioning.enrol;

import io.fcs.provisioning.Context;
import io.fcs.provisioning.keys.KeysOptions;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve-enrolment}: hands each pending sealed bundle out once, until its expiry. */
@Command(
        name = "serve-enrolment",
        mixinStandardHelpOptions = true,
        description = "Serve the pending sealed config bundles over HTTP (GET /enrol/<token>), each once, until its"
                + " token expires. Runs until stopped (Ctrl-C).")
public final class ServeEnrolmentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "Address to listen on; the provisioning LAN's address in the field"
                    + " (env FCS_BIND; default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--port",
            defaultValue = "8470",
            paramLabel = "PORT",
            description = "Port (env FCS_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    KeysOptions keysOptions;

    private final Context context;

    ServeEnrolmentCommand(Context context) {
        this.context = context;
    }

    @Override
    public void run() {
        CountDownLatch stopped = new CountDownLatch(1);
        try (EnrolmentServer server = new EnrolmentServer(keysOptions.dir, context.clock()).start(bind, port)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("serving " + server.pending() + " pending enrolment(s) on http://" + bind + ":" + server.port()
                    + "/enrol/ (Ctrl-C to stop)");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
