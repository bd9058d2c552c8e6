package io.fcs.central.festival;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read access to festivals and their set-up for the other packages, with the visibility rules:
 * staff see the festivals of their scope, everyone else only public (published) festivals.
 */
@Service
public class Festivals {

    static final String COLUMNS = "id, name, start_date, end_date, venue, status, currency, time_zone, day_cutover,"
            + " offline_allowance_cents, config_version, created_at";

    private final JdbcClient jdbc;

    Festivals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Festival> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from festival where id = ?")
                .param(id)
                .query(Festivals::map)
                .optional();
    }

    /** The festival if the caller is staff of it; 404 {@code not_found} otherwise. */
    public Festival requireStaffAccess(UUID id, CurrentUser caller) {
        caller.requireFestival(id);
        return find(id).orElseThrow(() -> ApiException.notFound("festival"));
    }

    /** The festival if the caller may see it (staff in scope, or public); 404 otherwise. */
    public Festival requireVisible(UUID id, CurrentUser caller) {
        Festival festival = find(id).orElseThrow(() -> ApiException.notFound("festival"));
        if (caller.canStaff(id) || festival.status().isPublic()) {
            return festival;
        }
        throw ApiException.notFound("festival");
    }

    /** The festivals attendees may see (PUBLISHED, RUNNING, CLOSED), by start date. */
    public List<Festival> publicFestivals() {
        return jdbc.sql("select " + COLUMNS + " from festival where status in ('PUBLISHED', 'RUNNING', 'CLOSED')"
                        + " order by start_date, name")
                .query(Festivals::map)
                .list();
    }

    /** A gate of a festival as attendees see it on the site map. */
    public record GatePlace(UUID id, UUID zoneId, String name) {}

    public List<GatePlace> gates(UUID festivalId) {
        return jdbc.sql("select id, zone_id, name from gate where festival_id = ? order by name")
                .param(festivalId)
                .query((rs, n) ->
                        new GatePlace(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    public List<Zone> zones(UUID festivalId) {
        return jdbc.sql("select id, festival_id, number, name, kind, capacity, reentry, reentry_cooldown_seconds,"
                        + " offline_share_percent from zone where festival_id = ? order by number")
                .param(festivalId)
                .query((rs, n) -> new Zone(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        (Integer) rs.getObject(6),
                        rs.getString(7),
                        rs.getInt(8),
                        (Integer) rs.getObject(9)))
                .list();
    }

    public Optional<Zone> zone(UUID festivalId, UUID zoneId) {
        return zones(festivalId).stream().filter(z -> z.id().equals(zoneId)).findFirst();
    }

    public List<PointOfSale> pointsOfSale(UUID festivalId) {
        record Row(UUID id, UUID zoneId, String name, String kind) {}
        List<Row> rows = jdbc.sql(
                        "select id, zone_id, name, kind from point_of_sale where festival_id = ? order by name")
                .param(festivalId)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)))
                .list();
        List<PointOfSale> result = new ArrayList<>();
        for (Row row : rows) {
            result.add(new PointOfSale(
                    row.id(),
                    festivalId,
                    row.zoneId(),
                    row.name(),
                    PointOfSale.Kind.valueOf(row.kind()),
                    products(row.id())));
        }
        return result;
    }

    List<PointOfSale.Product> products(UUID posId) {
        return jdbc.sql("select code, name, price_cents, category from product where pos_id = ? order by code")
                .param(posId)
                .query((rs, n) ->
                        new PointOfSale.Product(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .list();
    }

    static Festival map(ResultSet rs, int row) throws SQLException {
        return new Festival(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("start_date", java.time.LocalDate.class),
                rs.getObject("end_date", java.time.LocalDate.class),
                rs.getString("venue"),
                Festival.Status.valueOf(rs.getString("status")),
                rs.getString("currency"),
                rs.getString("time_zone"),
                rs.getString("day_cutover"),
                rs.getLong("offline_allowance_cents"),
                rs.getLong("config_version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
