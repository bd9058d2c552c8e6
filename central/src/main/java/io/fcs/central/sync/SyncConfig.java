package io.fcs.central.sync;

import io.fcs.central.device.DeviceRegistry;
import io.fcs.central.ticketing.TicketRevocations;
import io.fcs.central.wallet.CashlessPolicies;
import io.fcs.central.wallet.ChangeVersions;
import io.fcs.central.wallet.FestivalGuard;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.FestivalId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The festival set-up as edges need it (zones, points of sale with products, ticket keys,
 * terminals), read from the festival, device and ticketing tables central-a keeps, and the revoked
 * tickets and terminals of the deny list.
 */
@Component
class SyncConfig {

    private final JdbcClient jdbc;
    private final FestivalGuard festivals;
    private final DeviceRegistry devices;
    private final TicketRevocations revocations;
    private final CashlessPolicies policies;
    private final ChangeVersions versions;

    SyncConfig(
            JdbcClient jdbc,
            FestivalGuard festivals,
            DeviceRegistry devices,
            TicketRevocations revocations,
            CashlessPolicies policies,
            ChangeVersions versions) {
        this.jdbc = jdbc;
        this.festivals = festivals;
        this.devices = devices;
        this.revocations = revocations;
        this.policies = policies;
        this.versions = versions;
    }

    FestivalId requireFestival(String text) {
        UUID id;
        try {
            id = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("festivalId must be a UUID");
        }
        return festivals.require(id);
    }

    List<Map<String, Object>> revokedTickets(FestivalId festival) {
        return revocations.since(festival, 0).stream()
                .map(r -> Map.<String, Object>of(
                        "ticketId", r.ticketId().value(), "reason", r.reason(), "revokedAt", r.revokedAt()))
                .toList();
    }

    List<Map<String, Object>> revokedTerminals(FestivalId festival) {
        return devices.devices(festival).stream()
                .filter(d -> d.kind() == DeviceRegistry.Kind.TERMINAL && d.status() == DeviceRegistry.Status.REVOKED)
                .map(d -> {
                    Map<String, Object> terminal = new LinkedHashMap<>();
                    terminal.put("terminalId", d.deviceId());
                    terminal.put("revokedAt", d.revokedAt());
                    terminal.put("reason", d.reason());
                    return terminal;
                })
                .toList();
    }

    /**
     * Every zone gets its offline share as a number (decision 0232): a zone without an explicit
     * share gets an equal part, rounded down, of what the explicit shares leave of 100 %, so that
     * the shares never add up to more than the festival's allowance.
     */
    static void effectiveOfflineShares(List<Map<String, Object>> zones) {
        int explicit = 0;
        int unset = 0;
        for (Map<String, Object> zone : zones) {
            if (zone.get("offlineSharePercent") instanceof Number share) {
                explicit += share.intValue();
            } else {
                unset++;
            }
        }
        int each = unset == 0 ? 0 : Math.max(0, 100 - explicit) / unset;
        for (Map<String, Object> zone : zones) {
            if (!(zone.get("offlineSharePercent") instanceof Number)) {
                zone.put("offlineSharePercent", each);
            }
        }
    }

    @Transactional(readOnly = true)
    Map<String, Object> of(FestivalId festival) {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> row = jdbc.sql("""
                        SELECT currency, time_zone, day_cutover, offline_allowance_cents, config_version
                        FROM festival WHERE id = :f
                        """)
                .param("f", festival.value())
                .query((rs, n) -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("currency", rs.getString("currency"));
                    r.put("timeZone", rs.getString("time_zone"));
                    r.put("dayCutover", rs.getString("day_cutover"));
                    r.put("configVersion", rs.getLong("config_version"));
                    return r;
                })
                .single();
        long version = (Long) row.get("configVersion") + versions.current(festival);
        config.put("version", version);
        config.put("festivalId", festival.value());
        config.put("currency", row.get("currency"));
        config.put("timeZone", row.get("timeZone"));
        config.put("dayCutover", row.get("dayCutover"));
        List<Map<String, Object>> zones = jdbc.sql("""
                        SELECT id, name, kind, capacity, reentry, reentry_cooldown_seconds, offline_share_percent
                        FROM zone WHERE festival_id = :f ORDER BY name
                        """)
                .param("f", festival.value())
                .query((rs, n) -> {
                    Map<String, Object> zone = new LinkedHashMap<>();
                    zone.put("id", rs.getObject("id", UUID.class));
                    zone.put("name", rs.getString("name"));
                    zone.put("kind", rs.getString("kind"));
                    zone.put("capacity", rs.getObject("capacity"));
                    zone.put("reentry", rs.getString("reentry"));
                    zone.put("reentryCooldownSeconds", rs.getInt("reentry_cooldown_seconds"));
                    zone.put("offlineSharePercent", rs.getObject("offline_share_percent"));
                    return zone;
                })
                .list();
        effectiveOfflineShares(zones);
        config.put("zones", zones);
        Map<UUID, List<Map<String, Object>>> products = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT p.pos_id, p.code, p.name, p.price_cents, p.category FROM product p
                        JOIN point_of_sale s ON s.id = p.pos_id WHERE s.festival_id = :f ORDER BY p.code
                        """).param("f", festival.value()).query(rs -> {
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("code", rs.getString("code"));
            product.put("name", rs.getString("name"));
            product.put("priceCents", rs.getLong("price_cents"));
            product.put("category", rs.getString("category"));
            products.computeIfAbsent(rs.getObject("pos_id", UUID.class), k -> new ArrayList<>())
                    .add(product);
        });
        config.put(
                "pointsOfSale",
                jdbc.sql("SELECT id, zone_id, name, kind FROM point_of_sale WHERE festival_id = :f ORDER BY name")
                        .param("f", festival.value())
                        .query((rs, n) -> {
                            UUID id = rs.getObject("id", UUID.class);
                            Map<String, Object> pos = new LinkedHashMap<>();
                            pos.put("id", id);
                            pos.put("zoneId", rs.getObject("zone_id", UUID.class));
                            pos.put("name", rs.getString("name"));
                            pos.put("kind", rs.getString("kind"));
                            pos.put("products", products.getOrDefault(id, List.of()));
                            return pos;
                        })
                        .list());
        config.put("offlineAllowanceCents", policies.of(festival).offlineAllowanceCents());
        config.put(
                "ticketKeys",
                jdbc.sql("""
                                SELECT key_id, public_key FROM ticket_key WHERE festival_id = :f
                                AND (valid_until IS NULL OR valid_until > CURRENT_TIMESTAMP) ORDER BY valid_from, key_id
                                """)
                        .param("f", festival.value())
                        .query((rs, n) -> Map.<String, Object>of(
                                "keyId", rs.getString("key_id"), "publicKey", rs.getString("public_key")))
                        .list());
        config.put(
                "terminals",
                devices.devices(festival).stream()
                        .filter(d -> d.kind() == DeviceRegistry.Kind.TERMINAL)
                        .map(d -> {
                            Map<String, Object> terminal = new LinkedHashMap<>();
                            terminal.put("terminalId", d.deviceId());
                            terminal.put("zoneId", d.zoneId());
                            terminal.put("mode", d.mode());
                            terminal.put(
                                    "publicKey",
                                    Base64.getEncoder()
                                            .encodeToString(d.publicKey().encoded()));
                            terminal.put("status", d.status());
                            return terminal;
                        })
                        .toList());
        return config;
    }
}
