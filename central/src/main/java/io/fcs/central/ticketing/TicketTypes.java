package io.fcs.central.ticketing;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.Zone;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.ticket.ValidDays;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ticket types with quota, price, valid days and the zones they open (access rules). */
@Service
public class TicketTypes {

    private final JdbcClient jdbc;
    private final Festivals festivals;
    private final AuditLog audit;
    private final Clock clock;

    TicketTypes(JdbcClient jdbc, Festivals festivals, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.festivals = festivals;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewTicketType(
            String name, long priceCents, String currency, int quota, Object validDays, List<UUID> zoneIds) {}

    @Transactional
    public TicketType create(UUID festivalId, NewTicketType t, CurrentUser caller) {
        Festival festival = festivals.requireStaffAccess(festivalId, caller);
        if (!festival.currency().equals(t.currency())) {
            throw ApiException.unprocessable(
                    "currency_mismatch", "the festival sells in " + festival.currency() + ", not " + t.currency());
        }
        ValidDays days = validDays(festival, t.validDays());
        Set<UUID> zones = checkZones(festivalId, t.zoneIds());
        jdbc.sql("update festival set config_version = config_version + 1 where id = ?")
                .param(festivalId)
                .update();
        if (jdbc.sql("select count(*) from ticket_type where festival_id = ? and lower(name) = lower(?)")
                        .params(festivalId, t.name().trim())
                        .query(Integer.class)
                        .single()
                > 0) {
            throw ApiException.conflict("ticket_type_exists", "a ticket type with this name exists");
        }
        int typeCode = jdbc.sql("select coalesce(max(type_code), 0) + 1 from ticket_type where festival_id = ?")
                .param(festivalId)
                .query(Integer.class)
                .single();
        if (typeCode > 0xffff) {
            throw ApiException.unprocessable("too_many_ticket_types", "a festival has at most 65535 ticket types");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into ticket_type (id, festival_id, type_code, name, price_cents, currency, quota, sold,"
                        + " valid_first_day, valid_day_mask, created_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
                .params(
                        id,
                        festivalId,
                        typeCode,
                        t.name().trim(),
                        t.priceCents(),
                        t.currency(),
                        t.quota(),
                        days.first(),
                        days.mask(),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        setZonesInternal(id, zones);
        audit.record(
                "ticket_type.created",
                festivalId,
                id.toString(),
                Map.of("name", t.name(), "priceCents", t.priceCents(), "quota", t.quota()));
        return find(id).orElseThrow();
    }

    @Transactional
    public TicketType setZones(UUID festivalId, UUID ticketTypeId, List<UUID> zoneIds, CurrentUser caller) {
        festivals.requireStaffAccess(festivalId, caller);
        TicketType type = find(ticketTypeId)
                .filter(t -> t.festivalId().equals(festivalId))
                .orElseThrow(() -> ApiException.notFound("ticket type"));
        Set<UUID> zones = checkZones(festivalId, zoneIds);
        jdbc.sql("update festival set config_version = config_version + 1 where id = ?")
                .param(festivalId)
                .update();
        jdbc.sql("delete from access_rule where ticket_type_id = ?")
                .param(type.id())
                .update();
        setZonesInternal(type.id(), zones);
        audit.record("ticket_type.zones_set", festivalId, type.id().toString(), Map.of("zones", zones.size()));
        return find(type.id()).orElseThrow();
    }

    private record Row(
            UUID id,
            UUID festivalId,
            int typeCode,
            String name,
            long priceCents,
            String currency,
            int quota,
            int sold,
            LocalDate firstDay,
            int dayMask) {}

    public Optional<TicketType> find(UUID id) {
        return jdbc.sql("select id, festival_id, type_code, name, price_cents, currency, quota, sold, valid_first_day,"
                        + " valid_day_mask from ticket_type where id = ?")
                .param(id)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getObject(9, LocalDate.class),
                        rs.getInt(10)))
                .optional()
                .map(r -> new TicketType(
                        r.id(),
                        r.festivalId(),
                        r.typeCode(),
                        r.name(),
                        r.priceCents(),
                        r.currency(),
                        r.quota(),
                        r.sold(),
                        new ValidDays(r.firstDay(), r.dayMask()).days(),
                        zoneIds(r.id())));
    }

    public List<TicketType> ofFestival(UUID festivalId) {
        return jdbc
                .sql("select id from ticket_type where festival_id = ? order by type_code")
                .param(festivalId)
                .query(UUID.class)
                .list()
                .stream()
                .map(id -> find(id).orElseThrow())
                .toList();
    }

    List<UUID> zoneIds(UUID ticketTypeId) {
        return jdbc.sql("select zone_id from access_rule where ticket_type_id = ? order by zone_id")
                .param(ticketTypeId)
                .query(UUID.class)
                .list();
    }

    private void setZonesInternal(UUID ticketTypeId, Collection<UUID> zones) {
        for (UUID zone : zones) {
            jdbc.sql("insert into access_rule (ticket_type_id, zone_id) values (?, ?)")
                    .params(ticketTypeId, zone)
                    .update();
        }
    }

    private Set<UUID> checkZones(UUID festivalId, List<UUID> zoneIds) {
        Set<UUID> zones = new LinkedHashSet<>(zoneIds == null ? List.of() : zoneIds);
        List<UUID> known = festivals.zones(festivalId).stream().map(Zone::id).toList();
        for (UUID zone : zones) {
            if (!known.contains(zone)) {
                throw ApiException.notFound("zone " + zone);
            }
        }
        return zones;
    }

    /**
     * {@code validDays}: absent = every festival day; a number n = the first n festival days; a
     * list of ISO dates = those days. Every day must lie inside the festival.
     */
    static ValidDays validDays(Festival festival, Object spec) {
        List<LocalDate> all =
                festival.startDate().datesUntil(festival.endDate().plusDays(1)).toList();
        if (spec == null) {
            return ValidDays.of(all);
        }
        if (spec instanceof Number n) {
            if (!(n instanceof Integer || n instanceof Long) || n.longValue() < 1 || n.longValue() > all.size()) {
                throw ApiException.badRequest("validDays must be 1.." + all.size() + " (the festival's days)");
            }
            return ValidDays.of(all.subList(0, n.intValue()));
        }
        if (spec instanceof List<?> list && !list.isEmpty() && list.size() <= all.size()) {
            Set<LocalDate> days = new LinkedHashSet<>();
            for (Object item : list) {
                LocalDate day;
                try {
                    day = LocalDate.parse(String.valueOf(item));
                } catch (java.time.format.DateTimeParseException e) {
                    throw ApiException.badRequest("validDays must be ISO dates (yyyy-mm-dd)");
                }
                if (!all.contains(day)) {
                    throw ApiException.badRequest("valid day " + day + " is outside the festival");
                }
                days.add(day);
            }
            return ValidDays.of(days);
        }
        throw ApiException.badRequest("validDays must be a number of days or a list of festival dates");
    }
}
