package io.fcs.edge;

import java.util.concurrent.CountDownLatch;

/** The edge node's launcher: {@code java -jar edge-node.jar --help}. */
public final class EdgeMain {

    /** Exit status when the edge cannot start (broker port taken, bad TLS material, store unusable). */
    static final int EXIT_START_FAILED = 1;

    private EdgeMain() {}

    /** The message of the failure, or of its first cause that has one. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().replace('"', '\'').replace('\n', ' ');
            }
        }
        return e.getClass().getSimpleName();
    }

    public static void main(String[] args) throws InterruptedException {
        EdgeConfig config;
        try {
            config = EdgeConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("edge-node: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.help()) {
            System.out.print(EdgeConfig.helpText());
            return;
        }
        if (config.dev()
                || config.broker().tls().isEmpty() && config.externalBrokerUrl().isEmpty()) {
            String banner = "*".repeat(78);
            System.err.println(banner);
            System.err.println("* DEVELOPMENT MODE: plain TCP MQTT without TLS or client certificates."
                    + (config.dev() ? " Throwaway identity " + config.edgeId() + "," : ""));
            System.err.println("* listening on " + config.broker().bindAddress() + ":"
                    + config.broker().port() + ". Never run a festival like this.");
            System.err.println(banner);
            org.slf4j.LoggerFactory.getLogger(EdgeMain.class)
                    .warn(
                            "event=insecure_mode dev={} plain_tcp=true bind={}",
                            config.dev(),
                            config.broker().bindAddress());
        }
        EdgeNode node;
        try {
            node = EdgeNode.start(config);
        } catch (RuntimeException e) {
            // A half-started edge (e.g. its broker up, its store or uplink not) must not linger as a
            // live process that serves nobody: say why and exit, so a supervisor restarts it.
            // one line with the reason for the technician; the stack trace only at debug level
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EdgeMain.class);
            log.error("event=start_failed reason=\"{}\"", reason(e));
            log.debug("event=start_failed_trace", e);
            System.err.println("edge-node: could not start: " + reason(e));
            // halt, not exit: a half-started broker's shutdown hooks must not keep the process alive
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_START_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "edge-shutdown"));
        stopped.await();
    }
}
