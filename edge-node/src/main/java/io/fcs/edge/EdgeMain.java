package io.fcs.edge;

import java.util.concurrent.CountDownLatch;

/** The edge node's launcher: {@code java -jar edge-node.jar --help}. */
public final class EdgeMain {

    private EdgeMain() {}

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
            org.slf4j.LoggerFactory.getLogger(EdgeMain.class).error("event=start_failed", e);
            System.err.println("edge-node: could not start: " + e.getMessage());
            System.exit(1);
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
