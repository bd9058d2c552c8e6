package io.fcs.edge.testing;

import io.fcs.edge.EdgeConfig;
import io.fcs.edge.EdgeNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts an edge node against a {@link FakeCentral}, on free loopback ports, in a data folder. */
public final class EdgeHarness {
    private EdgeHarness() {}

    public static List<String> args(
            TestFestival festival, FakeCentral central, Path data, int mqttPort, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--dev",
                "--festival",
                festival.festival.toString(),
                "--zone",
                festival.zone.toString(),
                "--central-url",
                central.url(),
                "--data-dir",
                data.toString(),
                "--mqtt-port",
                Integer.toString(mqttPort),
                "--http-port",
                "0",
                "--sync-interval-ms",
                "200",
                "--presence-interval-ms",
                "500"));
        args.addAll(List.of(extra));
        return args;
    }

    public static EdgeNode start(TestFestival festival, FakeCentral central, Path data, int mqttPort, String... extra) {
        return EdgeNode.start(
                EdgeConfig.parse(args(festival, central, data, mqttPort, extra).toArray(String[]::new), Map.of()));
    }

    /** Waits (bounded) until the edge learnt every enrolled terminal and wallet from central. */
    public static void awaitSynced(EdgeNode node, TestFestival festival) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (node.terminalKeys().size() >= festival.terminals.size()
                    && node.wallets().size() >= festival.wristbands.size()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("edge did not sync config and wallets from the fake central");
    }
}
