package io.fcs.central.festival;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.web.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to festivals and their set-up; every change is audited and bumps the config version. */
@Service
public class FestivalSetup {

    /** Valid days of a ticket are a 32-day mask (firmware-protocol), so festivals span at most 32 days. */
    static final int MAX_DAYS = 32;

    private final JdbcClient jdbc;
    private final Festivals festivals;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FestivalSetup(JdbcClient jdbc, Festivals festivals, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.festivals = festivals;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public record NewFestival(
            String name,
            LocalDate startDate,
            LocalDate endDate,
            String venue,
            String currency,
            String timeZone,
            String dayCutover,
            long offlineAllowanceCents) {}

    @Transactional
    public Festival create(NewFestival f, CurrentUser caller) {
        checkDates(f.startDate(), f.endDate());
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into festival (" + Festivals.COLUMNS + ", revocation_version, created_by) values"
                        + " (?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, 0, ?, 0, ?)")
                .params(
                        id,
                        f.name().trim(),
                        f.startDate(),
                        f.endDate(),
                        f.venue().trim(),
                        f.currency(),
                        f.timeZone(),
                        f.dayCutover(),
                        f.offlineAllowanceCents(),
                        now(),
                        caller.id())
                .update();
        audit.record(
                "festival.created",
                id,
                id.toString(),
                Map.of(
                        "name",
                        f.name(),
                        "startDate",
                        f.startDate().toString(),
                        "endDate",
                        f.endDate().toString()));
        events.publishEvent(new FestivalCreated(id, f.currency()));
        return festivals.find(id).orElseThrow();
    }

    public record FestivalChanges(
            String name,
            LocalDate startDate,
            LocalDate endDate,
            String venue,
            Festival.Status status,
            String timeZone,
            String dayCutover,
            Long offlineAllowanceCents) {}

    @Transactional
    public Festival update(UUID id, FestivalChanges c, CurrentUser caller) {
        Festival current = festivals.requireStaffAccess(id, caller);
        LocalDate start = c.startDate() != null ? c.startDate() : current.startDate();
        LocalDate end = c.endDate() != null ? c.endDate() : current.endDate();
        checkDates(start, end);
        Festival.Status status = c.status() != null ? c.status() : current.status();
        if (status.ordinal() < current.status().ordinal()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "invalid_status_change",
                    "a festival cannot go back from " + current.status() + " to " + status);
        }
        jdbc.sql("update festival set name = ?, start_date = ?, end_date = ?, venue = ?, status = ?, time_zone = ?,"
                        + " day_cutover = ?, offline_allowance_cents = ?, config_version = config_version + 1"
                        + " where id = ?")
                .params(
                        c.name() != null ? c.name().trim() : current.name(),
                        start,
                        end,
                        c.venue() != null ? c.venue().trim() : current.venue(),
                        status.name(),
                        c.timeZone() != null ? c.timeZone() : current.timeZone(),
                        c.dayCutover() != null ? c.dayCutover() : current.dayCutover(),
                        c.offlineAllowanceCents() != null ? c.offlineAllowanceCents() : current.offlineAllowanceCents(),
                        id)
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        if (c.status() != null) {
            details.put("status", c.status().name());
        }
        if (c.offlineAllowanceCents() != null) {
            details.put("offlineAllowanceCents", c.offlineAllowanceCents());
        }
        audit.record("festival.updated", id, id.toString(), details);
        return festivals.find(id).orElseThrow();
    }

    @Transactional
    public Zone addZone(UUID festivalId, String name, String kind, Integer capacity, CurrentUser caller) {
        return addZone(festivalId, name, kind, capacity, Zone.Rules.DEFAULT, caller);
    }

    /** A new zone with its re-entry rule and offline share (decisions 0151, 0232). */
    @Transactional
    public Zone addZone(
            UUID festivalId, String name, String kind, Integer capacity, Zone.Rules rules, CurrentUser caller) {
        festivals.requireStaffAccess(festivalId, caller);
        checkRules(rules);
        lockFestival(festivalId);
        List<Zone> zones = festivals.zones(festivalId);
        checkOfflineShares(zones, null, rules.offlineSharePercent());
        int number = 0;
        while (number < 32 && takenNumber(zones, number)) {
            number++;
        }
        if (number >= 32) {
            throw ApiException.unprocessable("too_many_zones", "a festival has at most 32 zones");
        }
        if (zones.stream().anyMatch(z -> z.name().equalsIgnoreCase(name.trim()))) {
            throw ApiException.conflict("zone_exists", "a zone with this name exists");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into zone (id, festival_id, number, name, kind, capacity, reentry, reentry_cooldown_seconds,"
                        + " offline_share_percent, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        festivalId,
                        number,
                        name.trim(),
                        kind,
                        capacity,
                        rules.reentry().name(),
                        rules.reentryCooldownSeconds(),
                        rules.offlineSharePercent(),
                        now())
                .update();
        audit.record("zone.created", festivalId, id.toString(), Map.of("name", name, "kind", kind));
        return festivals.zone(festivalId, id).orElseThrow();
    }

    /**
     * Changes a zone's re-entry rule and offline share; edges apply them at their next config
     * poll (the config version moves).
     */
    @Transactional
    public Zone setZoneRules(UUID festivalId, UUID zoneId, Zone.Rules rules, CurrentUser caller) {
        festivals.requireStaffAccess(festivalId, caller);
        requireZone(festivalId, zoneId);
        checkRules(rules);
        lockFestival(festivalId);
        checkOfflineShares(festivals.zones(festivalId), zoneId, rules.offlineSharePercent());
        jdbc.sql("update zone set reentry = ?, reentry_cooldown_seconds = ?, offline_share_percent = ?"
                        + " where id = ? and festival_id = ?")
                .params(
                        rules.reentry().name(),
                        rules.reentryCooldownSeconds(),
                        rules.offlineSharePercent(),
                        zoneId,
                        festivalId)
                .update();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reentry", rules.reentry().name());
        details.put("reentryCooldownSeconds", rules.reentryCooldownSeconds());
        details.put("offlineSharePercent", rules.offlineSharePercent());
        audit.record("zone.rules_set", festivalId, zoneId.toString(), details);
        return festivals.zone(festivalId, zoneId).orElseThrow();
    }

    private static void checkRules(Zone.Rules rules) {
        if (rules.reentry() == null) {
            throw ApiException.badRequest("reentry must be NONE, ALLOWED or AFTER_EXIT");
        }
        if (rules.reentryCooldownSeconds() < 0 || rules.reentryCooldownSeconds() > Zone.MAX_COOLDOWN_SECONDS) {
            throw ApiException.badRequest("reentryCooldownSeconds must be between 0 and " + Zone.MAX_COOLDOWN_SECONDS);
        }
        if (rules.reentry() == Zone.Reentry.NONE && rules.reentryCooldownSeconds() != 0) {
            throw ApiException.badRequest("a cool-down needs reentry ALLOWED or AFTER_EXIT");
        }
        Integer share = rules.offlineSharePercent();
        if (share != null && (share < 0 || share > 100)) {
            throw ApiException.badRequest("offlineSharePercent must be between 0 and 100");
        }
    }

    /**
     * The explicit offline shares of a festival's zones add up to at most 100 %: a wristband may
     * then spend at most the festival's allowance across all zones while central is unreachable.
     */
    private static void checkOfflineShares(List<Zone> zones, UUID changed, Integer share) {
        int others = zones.stream()
                .filter(z -> !z.id().equals(changed) && z.offlineSharePercent() != null)
                .mapToInt(Zone::offlineSharePercent)
                .sum();
        if (share != null && others + share > 100) {
            throw ApiException.unprocessable(
                    "offline_share_exceeded",
                    "the zones' offline shares would add up to " + (others + share) + " %, at most 100");
        }
    }

    public record Gate(UUID id, UUID festivalId, UUID zoneId, String name) {}

    @Transactional
    public Gate addGate(UUID festivalId, UUID zoneId, String name, CurrentUser caller) {
        festivals.requireStaffAccess(festivalId, caller);
        requireZone(festivalId, zoneId);
        lockFestival(festivalId);
        UUID id = UUID.randomUUID();
        if (gates(festivalId).stream().anyMatch(g -> g.name().equalsIgnoreCase(name.trim()))) {
            throw ApiException.conflict("gate_exists", "a gate with this name exists");
        }
        jdbc.sql("insert into gate (id, festival_id, zone_id, name, created_at) values (?, ?, ?, ?, ?)")
                .params(id, festivalId, zoneId, name.trim(), now())
                .update();
        audit.record("gate.created", festivalId, id.toString(), Map.of("name", name));
        return new Gate(id, festivalId, zoneId, name.trim());
    }

    public List<Gate> gates(UUID festivalId) {
        return jdbc.sql("select id, festival_id, zone_id, name from gate where festival_id = ? order by name")
                .param(festivalId)
                .query((rs, n) -> new Gate(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4)))
                .list();
    }

    @Transactional
    public PointOfSale addPointOfSale(
            UUID festivalId, UUID zoneId, String name, PointOfSale.Kind kind, CurrentUser caller) {
        festivals.requireStaffAccess(festivalId, caller);
        requireZone(festivalId, zoneId);
        lockFestival(festivalId);
        if (festivals.pointsOfSale(festivalId).stream().anyMatch(p -> p.name().equalsIgnoreCase(name.trim()))) {
            throw ApiException.conflict("point_of_sale_exists", "a point of sale with this name exists");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into point_of_sale (id, festival_id, zone_id, name, kind, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(id, festivalId, zoneId, name.trim(), kind.name(), now())
                .update();
        audit.record("pos.created", festivalId, id.toString(), Map.of("name", name, "kind", kind.name()));
        return new PointOfSale(id, festivalId, zoneId, name.trim(), kind, List.of());
    }

    /** Replaces the price list of a point of sale. */
    @Transactional
    public PointOfSale setProducts(
            UUID festivalId, UUID posId, List<PointOfSale.Product> products, CurrentUser caller) {
        festivals.requireStaffAccess(festivalId, caller);
        PointOfSale pos = festivals.pointsOfSale(festivalId).stream()
                .filter(p -> p.id().equals(posId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("point of sale"));
        if (products.stream().map(PointOfSale.Product::code).distinct().count() != products.size()) {
            throw ApiException.badRequest("product codes must be unique within a price list");
        }
        lockFestival(festivalId);
        jdbc.sql("delete from product where pos_id = ?").param(posId).update();
        for (PointOfSale.Product p : products) {
            jdbc.sql("insert into product (id, pos_id, code, name, price_cents, category, created_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), posId, p.code(), p.name(), p.priceCents(), p.category(), now())
                    .update();
        }
        audit.record("pos.price_list_set", festivalId, posId.toString(), Map.of("products", products.size()));
        return new PointOfSale(pos.id(), festivalId, pos.zoneId(), pos.name(), pos.kind(), festivals.products(posId));
    }

    private void requireZone(UUID festivalId, UUID zoneId) {
        if (festivals.zone(festivalId, zoneId).isEmpty()) {
            throw ApiException.notFound("zone");
        }
    }

    /** Serialises set-up changes of one festival and marks its configuration as changed. */
    private void lockFestival(UUID festivalId) {
        jdbc.sql("update festival set config_version = config_version + 1 where id = ?")
                .param(festivalId)
                .update();
    }

    private static boolean takenNumber(List<Zone> zones, int number) {
        return zones.stream().anyMatch(z -> z.number() == number);
    }

    private static void checkDates(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw ApiException.badRequest("endDate must not be before startDate");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiException.badRequest("a festival lasts at most " + MAX_DAYS + " days");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
