package io.fcs.central.sync;

import io.fcs.central.device.DeviceRegistry;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The terminals the device registry knows; points of sale from the festival set-up (decision 0066). */
@Component
class DeviceRegistryTerminals implements TerminalDirectory {

    private final DeviceRegistry devices;
    private final JdbcClient jdbc;

    DeviceRegistryTerminals(DeviceRegistry devices, JdbcClient jdbc) {
        this.devices = devices;
        this.jdbc = jdbc;
    }

    /**
     * Enrolled terminals' keys, kept (decision 0279): a device's key is written once at enrolment
     * and never changed, so a key read once holds for good. Revocation is not a property of the
     * key: {@link #enrolment} reads it fresh in every batch's transaction. Unknown terminals are
     * not kept (they may be enrolled the next minute); the map is emptied if it ever grows past
     * {@link #KEYS_KEPT}.
     */
    private final Map<TerminalId, Ed25519.VerificationKey> keys = new ConcurrentHashMap<>();

    static final int KEYS_KEPT = 100_000;

    @Override
    public Optional<Ed25519.VerificationKey> key(TerminalId terminal) {
        Ed25519.VerificationKey kept = keys.get(terminal);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<Ed25519.VerificationKey> read = devices.terminalKey(terminal);
        if (read.isPresent()) {
            if (keys.size() >= KEYS_KEPT) {
                keys.clear();
            }
            keys.put(terminal, read.get());
        }
        return read;
    }

    @Override
    public Optional<Instant> revokedAt(TerminalId terminal) {
        return devices.revokedAt(terminal);
    }

    @Override
    public Optional<FestivalId> festival(TerminalId terminal) {
        return devices.device(terminal.value())
                .filter(d -> d.kind() == DeviceRegistry.Kind.TERMINAL)
                .map(DeviceRegistry.Device::festivalId);
    }

    @Override
    public UUID pointOfSale(TerminalId terminal) {
        return pointOfSale(terminal, devices.device(terminal.value()));
    }

    /** The device row read once for the festival, the revocation and the point of sale. */
    @Override
    public Enrolment enrolment(TerminalId terminal) {
        Optional<DeviceRegistry.Device> device = devices.device(terminal.value());
        return new Enrolment(
                device.filter(d -> d.kind() == DeviceRegistry.Kind.TERMINAL).map(DeviceRegistry.Device::festivalId),
                device.map(DeviceRegistry.Device::revokedAt),
                pointOfSale(terminal, device));
    }

    private UUID pointOfSale(TerminalId terminal, Optional<DeviceRegistry.Device> device) {
        if (device.isPresent() && device.get().zoneId() != null) {
            List<UUID> points = jdbc.sql("SELECT id FROM point_of_sale WHERE zone_id = :z ORDER BY id")
                    .param("z", device.get().zoneId())
                    .query(UUID.class)
                    .list();
            if (points.size() == 1) {
                return points.getFirst();
            }
        }
        return terminal.value();
    }
}
