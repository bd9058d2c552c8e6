package io.fcs.central.device;

import io.fcs.protocol.crypto.Ed25519.VerificationKey;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDeviceRegistry implements DeviceRegistry {

    static final String COLUMNS =
            "id, festival_id, kind, mode, zone_id, name, public_key, status, revoked_at, revocation_reason";

    private final JdbcClient jdbc;

    JdbcDeviceRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<VerificationKey> terminalKey(TerminalId terminal) {
        return device(terminal.value()).filter(d -> d.kind() == Kind.TERMINAL).map(Device::publicKey);
    }

    @Override
    public Optional<Instant> revokedAt(TerminalId terminal) {
        return device(terminal.value()).map(Device::revokedAt);
    }

    @Override
    public Optional<Device> device(UUID deviceId) {
        return jdbc.sql("select " + COLUMNS + " from device where id = ?")
                .param(deviceId)
                .query(JdbcDeviceRegistry::map)
                .optional();
    }

    @Override
    public List<Device> devices(FestivalId festival) {
        return jdbc.sql("select " + COLUMNS + " from device where festival_id = ? order by created_at, id")
                .param(festival.value())
                .query(JdbcDeviceRegistry::map)
                .list();
    }

    static Device map(ResultSet rs, int row) throws SQLException {
        String mode = rs.getString("mode");
        OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
        return new Device(
                rs.getObject("id", UUID.class),
                FestivalId.of(rs.getObject("festival_id", UUID.class)),
                Kind.valueOf(rs.getString("kind")),
                mode == null ? null : Mode.valueOf(mode),
                rs.getObject("zone_id", UUID.class),
                rs.getString("name"),
                new VerificationKey(Base64.getDecoder().decode(rs.getString("public_key"))),
                Status.valueOf(rs.getString("status")),
                revokedAt == null ? null : revokedAt.toInstant(),
                rs.getString("revocation_reason"));
    }
}
