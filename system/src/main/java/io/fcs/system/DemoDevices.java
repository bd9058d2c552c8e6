package io.fcs.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The devices of the demo festival, enrolled through the provisioning tool once per data folder
 * (remembered in {@code <trust>/demo-devices.properties}): an edge per zone, and the terminals
 * of the simulated fleet (two bar tills and a top-up kiosk in the bar zone; a gate and a top-up
 * kiosk at the entrance). With a screen, one terminal of each mode more for the JavaFX
 * application.
 */
final class DemoDevices {

    /** What a device is for: its name, kind, mode and zone. */
    record Role(String name, String kind, String mode, String zone) {}

    static final List<Role> FLEET = List.of(
            new Role("pos-bar-1", "TERMINAL", "pos", "bar"),
            new Role("pos-bar-2", "TERMINAL", "pos", "bar"),
            new Role("kiosk-bar", "TERMINAL", "kiosk", "bar"),
            new Role("gate-a", "TERMINAL", "gate", "entrance"),
            new Role("kiosk-entrance", "TERMINAL", "kiosk", "entrance"));

    static final List<Role> SCREENS = List.of(
            new Role("screen-pos", "TERMINAL", "pos", "bar"),
            new Role("screen-kiosk", "TERMINAL", "kiosk", "bar"),
            new Role("screen-gate", "TERMINAL", "gate", "entrance"));

    private DemoDevices() {}

    /**
     * Each role's device, enrolled now unless the data folder has it already. Edges first (the
     * terminals' bundles name their edge's address), a few enrolments at a time.
     */
    static Map<String, FestivalTrust.Device> ensure(
            FestivalTrust trust, DemoFestival.Setup setup, List<Role> roles, Map<String, String> edgeAddresses)
            throws IOException, InterruptedException {
        Path remembered = trust.dir().resolve("demo-devices.properties");
        Properties known = new Properties();
        if (Files.exists(remembered)) {
            try (InputStream in = Files.newInputStream(remembered)) {
                known.load(in);
            }
        }
        Map<String, FestivalTrust.Device> devices = new LinkedHashMap<>();
        List<Role> missing = new ArrayList<>();
        for (Role role : roles) {
            String id = known.getProperty(role.name());
            if (id != null) {
                devices.put(
                        role.name(),
                        trust.enrolled(
                                UUID.fromString(id),
                                role.kind(),
                                role.mode(),
                                setup.zones().get(role.zone())));
            } else {
                missing.add(role);
            }
        }
        if (missing.isEmpty()) {
            return devices;
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Map<Role, Future<FestivalTrust.Device>> enrolling = new LinkedHashMap<>();
            for (Role role : missing) {
                String zoneId = setup.zones().get(role.zone());
                enrolling.put(
                        role,
                        pool.submit(() -> "EDGE".equals(role.kind())
                                ? trust.enrolEdge(
                                        UUID.randomUUID(), zoneId, role.name(), List.of("127.0.0.1", "localhost"))
                                : trust.enrolTerminal(
                                        UUID.randomUUID(),
                                        role.mode(),
                                        zoneId,
                                        role.name(),
                                        edgeAddresses.getOrDefault(role.zone(), ""))));
            }
            for (var entry : enrolling.entrySet()) {
                FestivalTrust.Device device;
                try {
                    device = entry.getValue().get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(e.getCause());
                }
                devices.put(entry.getKey().name(), device);
                known.setProperty(entry.getKey().name(), device.id().toString());
            }
        } finally {
            pool.shutdownNow();
            try (OutputStream out = Files.newOutputStream(remembered)) {
                known.store(out, "devices of the demo festival enrolled through provisioning");
            }
        }
        return devices;
    }

    /** The edges of the demo festival, one per zone, named {@code edge-<zone>}. */
    static List<Role> edges(DemoFestival.Setup setup) {
        return new java.util.TreeMap<>(setup.zones())
                .keySet().stream()
                        .map(zone -> new Role("edge-" + zone, "EDGE", null, zone))
                        .toList();
    }
}
