package io.fcs.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Sets up the demo festival through central's API the way an organiser would: a festival, a bar
 * zone and an entrance zone with a gate, a bar with its price list, a top-up desk and a ticket
 * type. Done once per data folder; later starts find the festival again.
 */
final class DemoFestival {

    static final String NAME = "Demo Festival";

    /** What the traffic and the summary need to know of the set-up. */
    record Setup(String festivalId, String ticketTypeId, String barId, String barZoneId, String entranceZoneId) {

        /** The zones an edge node serves, by name. */
        java.util.Map<String, String> zones() {
            return java.util.Map.of("bar", barZoneId, "entrance", entranceZoneId);
        }
    }

    private DemoFestival() {}

    static Setup ensure(CentralApi api, String adminToken, Path dataDir) throws IOException {
        Path remembered = dataDir.resolve("demo-festival.properties");
        Optional<Setup> known = read(remembered).filter(setup -> api.get("/festivals/" + setup.festivalId(), adminToken)
                .ok());
        if (known.isPresent()) {
            return known.get();
        }
        LocalDate start = LocalDate.now();
        String festivalId = require(
                api.post("/festivals", adminToken, """
                        {"name":"%s","startDate":"%s","endDate":"%s","venue":"Riverside meadows",\
                        "currency":"EUR","timeZone":"Europe/Paris","dayCutover":"06:00","offlineAllowanceCents":2000}""".formatted(NAME, start, start.plusDays(2))),
                "create the festival");
        String barZone = require(
                api.post(
                        "/festivals/" + festivalId + "/zones",
                        adminToken,
                        "{\"name\":\"Bar area\",\"kind\":\"BAR\",\"capacity\":5000}"),
                "create the bar zone");
        String entrance = require(
                api.post(
                        "/festivals/" + festivalId + "/zones",
                        adminToken,
                        "{\"name\":\"Entrance\",\"kind\":\"ENTRANCE\",\"capacity\":20000}"),
                "create the entrance zone");
        require(
                api.post(
                        "/festivals/" + festivalId + "/gates",
                        adminToken,
                        "{\"name\":\"Gate A\",\"zoneId\":\"" + entrance + "\"}"),
                "create gate A");
        require(
                api.post(
                        "/festivals/" + festivalId + "/gates",
                        adminToken,
                        "{\"name\":\"Gate B\",\"zoneId\":\"" + entrance + "\"}"),
                "create gate B");
        String bar = require(
                api.post(
                        "/festivals/" + festivalId + "/points-of-sale",
                        adminToken,
                        "{\"name\":\"Main bar\",\"zoneId\":\"" + barZone + "\",\"kind\":\"BAR\"}"),
                "create the main bar");
        String products = """
                [{"code":"beer","name":"Beer 25cl","priceCents":450,"category":"drinks"},
                 {"code":"soda","name":"Soda","priceCents":300,"category":"drinks"},
                 {"code":"water","name":"Water","priceCents":200,"category":"drinks"},
                 {"code":"fries","name":"Fries","priceCents":500,"category":"food"}]""";
        Checks.ok(
                api.put("/festivals/" + festivalId + "/points-of-sale/" + bar + "/products", adminToken, products),
                "set the bar's price list");
        require(
                api.post(
                        "/festivals/" + festivalId + "/points-of-sale",
                        adminToken,
                        "{\"name\":\"Top-up desk\",\"zoneId\":\"" + entrance + "\",\"kind\":\"TOP_UP_DESK\"}"),
                "create the top-up desk");
        String ticketType = require(
                api.post(
                        "/festivals/" + festivalId + "/ticket-types",
                        adminToken,
                        "{\"name\":\"3-day pass\",\"priceCents\":12900,\"currency\":\"EUR\",\"quota\":20000}"),
                "create the ticket type");
        Setup setup = new Setup(festivalId, ticketType, bar, barZone, entrance);
        Files.createDirectories(dataDir);
        Files.writeString(
                remembered,
                "festival=%s%nticketType=%s%nbar=%s%nbarZone=%s%nentrance=%s%n"
                        .formatted(festivalId, ticketType, bar, barZone, entrance));
        return setup;
    }

    private static Optional<Setup> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        java.util.Properties properties = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        String festival = properties.getProperty("festival");
        String type = properties.getProperty("ticketType");
        String bar = properties.getProperty("bar");
        String barZone = properties.getProperty("barZone");
        String entrance = properties.getProperty("entrance");
        return festival == null || type == null || bar == null || barZone == null || entrance == null
                ? Optional.empty()
                : Optional.of(new Setup(festival, type, bar, barZone, entrance));
    }

    private static String require(CentralApi.Answer answer, String what) {
        Checks.ok(answer, what);
        return answer.text("id")
                .orElseThrow(() -> new IllegalStateException(what + ": central answered no id: " + answer.body()));
    }

    /** Refusals during set-up stop the launcher with central's own problem detail. */
    static final class Checks {
        private Checks() {}

        static void ok(CentralApi.Answer answer, String what) {
            if (!answer.ok()) {
                throw new IllegalStateException(
                        "could not " + what + ": HTTP " + answer.status() + " " + answer.body());
            }
        }
    }
}
