package io.fcs.central.device;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.festival.Festivals;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.FestivalId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Enrolment and revocation of devices, and registration of wristbands (all audited). */
@Service
public class DeviceAdmin implements Wristbands {

    private final JdbcClient jdbc;
    private final JdbcDeviceRegistry registry;
    private final Festivals festivals;
    private final UserAccounts users;
    private final AuditLog audit;
    private final Clock clock;

    DeviceAdmin(
            JdbcClient jdbc,
            JdbcDeviceRegistry registry,
            Festivals festivals,
            UserAccounts users,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.festivals = festivals;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    record Enrolment(
            UUID deviceId,
            DeviceRegistry.Kind kind,
            DeviceRegistry.Mode mode,
            UUID zoneId,
            String name,
            byte[] publicKey,
            String certificatePem) {}

    record Enrolled(DeviceRegistry.Device device, boolean created) {}

    @Transactional
    Enrolled enrol(UUID festivalId, Enrolment e) {
        if (e.kind() == DeviceRegistry.Kind.TERMINAL && e.mode() == null) {
            throw ApiException.badRequest("a terminal needs a mode (POS, GATE or KIOSK)");
        }
        if (e.zoneId() != null && festivals.zone(festivalId, e.zoneId()).isEmpty()) {
            throw ApiException.notFound("zone");
        }
        String key = Base64.getEncoder().encodeToString(e.publicKey());
        Optional<DeviceRegistry.Device> existing = registry.device(e.deviceId());
        if (existing.isPresent()) {
            DeviceRegistry.Device d = existing.get();
            boolean sameKey =
                    Base64.getEncoder().encodeToString(d.publicKey().encoded()).equals(key);
            if (!sameKey || !d.festivalId().value().equals(festivalId) || d.kind() != e.kind()) {
                throw ApiException.conflict(
                        "device_exists", "device " + e.deviceId() + " is enrolled with another key");
            }
            return new Enrolled(d, false);
        }
        jdbc.sql("insert into device (id, festival_id, kind, mode, zone_id, name, public_key, certificate_pem, status,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)")
                .params(
                        e.deviceId(),
                        festivalId,
                        e.kind().name(),
                        e.mode() == null ? null : e.mode().name(),
                        e.zoneId(),
                        e.name(),
                        key,
                        e.certificatePem(),
                        now())
                .update();
        jdbc.sql("update festival set config_version = config_version + 1 where id = ?")
                .param(festivalId)
                .update();
        audit.record(
                "device.enrolled",
                festivalId,
                e.deviceId().toString(),
                Map.of("kind", e.kind().name(), "name", e.name(), "key", key));
        return new Enrolled(registry.device(e.deviceId()).orElseThrow(), true);
    }

    public List<DeviceRegistry.Device> devices(UUID festivalId) {
        return registry.devices(FestivalId.of(festivalId));
    }

    public Optional<DeviceRegistry.Device> device(UUID deviceId) {
        return registry.device(deviceId);
    }

    /** Revokes a device from {@code at} on; revoking again keeps the first revocation. */
    @Transactional
    public DeviceRegistry.Device revoke(UUID deviceId, String reason, Instant at) {
        DeviceRegistry.Device device = registry.device(deviceId).orElseThrow(() -> ApiException.notFound("device"));
        int changed = jdbc.sql("update device set status = 'REVOKED', revoked_at = ?, revocation_reason = ?"
                        + " where id = ? and status = 'ACTIVE'")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), reason, deviceId)
                .update();
        if (changed == 1) {
            jdbc.sql("update festival set config_version = config_version + 1 where id = ?")
                    .param(device.festivalId().value())
                    .update();
            audit.record(
                    "device.revoked",
                    device.festivalId().value(),
                    deviceId.toString(),
                    Map.of("reason", reason, "revokedAt", at.toString()));
        }
        return registry.device(deviceId).orElseThrow();
    }

    record Registered(Wristband wristband, boolean created) {}

    @Transactional
    Registered registerWristband(UUID festivalId, String uid, Profile profile, UUID ticketId, UUID staffUserId) {
        if (ticketId != null
                && jdbc.sql("select count(*) from ticket where id = ? and festival_id = ?")
                                .params(ticketId, festivalId)
                                .query(Integer.class)
                                .single()
                        == 0) {
            throw ApiException.notFound("ticket");
        }
        if (staffUserId != null && !users.exists(staffUserId)) {
            throw ApiException.notFound("user");
        }
        Wristband wanted = new Wristband(uid, festivalId, profile, ticketId, staffUserId);
        Optional<Wristband> existing = find(uid);
        if (existing.isPresent()) {
            if (!existing.get().equals(wanted)) {
                throw ApiException.conflict("wristband_exists", "wristband " + uid + " is registered with other data");
            }
            return new Registered(existing.get(), false);
        }
        jdbc.sql("insert into wristband (uid, festival_id, profile, ticket_id, staff_user_id, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(uid, festivalId, profile.name(), ticketId, staffUserId, now())
                .update();
        audit.record(
                "wristband.registered",
                festivalId,
                uid,
                Map.of(
                        "profile",
                        profile.name(),
                        "ticketId",
                        Objects.toString(ticketId, ""),
                        "staffUserId",
                        Objects.toString(staffUserId, "")));
        return new Registered(wanted, true);
    }

    @Override
    public Optional<Wristband> find(String uidHex) {
        return jdbc.sql("select uid, festival_id, profile, ticket_id, staff_user_id from wristband where uid = ?")
                .param(uidHex)
                .query((rs, n) -> new Wristband(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        Profile.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class)))
                .optional();
    }

    @Override
    public List<Wristband> ofFestival(UUID festivalId) {
        return jdbc.sql(
                        "select uid, festival_id, profile, ticket_id, staff_user_id from wristband where festival_id = ?"
                                + " order by uid")
                .param(festivalId)
                .query((rs, n) -> new Wristband(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        Profile.valueOf(rs.getString(3)),
                        rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class)))
                .list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
