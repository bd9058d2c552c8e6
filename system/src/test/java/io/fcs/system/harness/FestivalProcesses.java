package io.fcs.system.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The processes one system test class shares (decision 0181): central on H2 with a festival set up
 * through its API, an edge node per zone, and terminals enrolled at central and connected to their
 * zone's edge, each with its data folder under the class's temporary folder and its log in
 * {@code <work>/logs}. Everything started here, or handed to {@link #stopAtEnd}, is stopped by
 * {@link #close} in the reverse order of its start.
 */
public final class FestivalProcesses implements AutoCloseable {

    private final Path work;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<EdgeNode> edges = new ArrayList<>();
    private final List<SimTerminal> terminals = new ArrayList<>();
    public final CentralNode central;
    public final FestivalSetUp festival;
    public final Wristbands wristbands;

    private FestivalProcesses(Path work, CentralNode central, FestivalSetUp festival) {
        this.work = work;
        this.central = central;
        this.festival = festival;
        this.wristbands = new Wristbands(io.fcs.protocol.value.FestivalId.parse(festival.festivalId));
        started.push(central);
    }

    /** Central from its jar, in {@code work/central}, with a festival of two zones named {@code festivalName}. */
    public static FestivalProcesses start(Path work, String festivalName) throws IOException {
        CentralNode central = CentralNode.start(work.resolve("central"), work.resolve("logs"));
        try {
            return new FestivalProcesses(work, central, FestivalSetUp.create(central, festivalName));
        } catch (RuntimeException e) {
            central.close();
            throw e;
        }
    }

    /** Where the processes write their logs. */
    public Path logs() {
        return work.resolve("logs");
    }

    /**
     * The zone's edge node from its jar, in {@code work/<name>}, on its embedded broker, or on
     * {@code brokerUrl} ({@code tcp://127.0.0.1:port}) when not null.
     */
    public EdgeNode edge(String name, FestivalSetUp.Zone zone, String brokerUrl) throws IOException {
        EdgeNode edge = EdgeNode.start(
                name, festival.festivalId, zone.id(), central.url(), work.resolve(name), logs(), brokerUrl);
        edges.add(edge);
        started.push(edge);
        return edge;
    }

    /** A terminal enrolled at central for {@code zone}, on the broker at {@code mqttUrl}, its store in {@code work/<folder>}. */
    public SimTerminal terminal(
            SimTerminal.Kind kind, String place, FestivalSetUp.Zone zone, String mqttUrl, String folder) {
        SimTerminal terminal =
                SimTerminal.enrolled(kind, place, festival, zone, mqttUrl, wristbands, work.resolve(folder));
        terminals.add(terminal);
        started.push(terminal);
        return terminal;
    }

    /** Another part (a broker, a link) to stop with the rest. */
    public <T extends AutoCloseable> T stopAtEnd(T part) {
        started.push(part);
        return part;
    }

    /** The terminals, in the order they were enrolled. */
    public List<SimTerminal> terminals() {
        return List.copyOf(terminals);
    }

    /** Waits until every edge knows every enrolled terminal and every terminal is connected. */
    public void awaitTerminalsConnected(Duration within) {
        await("edges know the enrolled terminals and terminals are connected")
                .atMost(within)
                .until(() ->
                        edges.stream().allMatch(e -> e.health().path("enrolled").asLong() >= terminals.size())
                                && terminals.stream().allMatch(SimTerminal::connected));
    }

    /** Waits until every terminal's edge acknowledged all it committed. */
    public void awaitRecordsAcknowledged(Duration within) {
        await("every terminal's records acknowledged by its edge")
                .atMost(within)
                .until(() -> terminals.stream().allMatch(t -> t.acknowledged() >= t.committed()));
    }

    /**
     * Waits until central applied every record each terminal committed, once (the festival's
     * applied count and each terminal's); answers the reconciliation then.
     */
    public JsonNode awaitEveryRecordApplied(Duration within) {
        awaitRecordsAcknowledged(within);
        long committed = terminals.stream().mapToLong(SimTerminal::committed).sum();
        await("central applied every record, once").atMost(within).untilAsserted(() -> {
            JsonNode books = festival.reconciliation();
            assertThat(books.path("records").path("applied").asLong()).isEqualTo(committed);
            for (SimTerminal terminal : terminals) {
                assertThat(terminalFigures(books, terminal).path("applied").asLong())
                        .as(terminal.place())
                        .isEqualTo(terminal.committed());
            }
        });
        return festival.reconciliation();
    }

    /** The reconciliation's figures of one terminal, or a missing node. */
    public static JsonNode terminalFigures(JsonNode books, SimTerminal terminal) {
        for (JsonNode t : books.path("terminals")) {
            if (terminal.id().toString().equals(t.path("terminalId").asString())) {
                return t;
            }
        }
        return books.path("none");
    }

    /** Stops everything, the last started first; a part that fails to stop does not keep the others running. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                // keep stopping the others
            }
        }
    }
}
