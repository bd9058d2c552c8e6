package io.fcs.central.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.auth.Role;
import io.fcs.central.testing.CentralTest;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.TerminalId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DeviceRegistryTest extends CentralTest {

    @Autowired
    DeviceRegistry registry;

    private static String enrolment(UUID id, String zone, Ed25519.SigningKey key) {
        return """
                {"deviceId":"%s","kind":"TERMINAL","mode":"POS","zoneId":"%s","name":"Bar 1 till","publicKey":"%s","certificatePem":null}""".formatted(
                        id,
                        zone,
                        Base64.getEncoder().encodeToString(key.verificationKey().encoded()));
    }

    @Test
    void enrolmentIsIdempotentAndAnotherKeyForTheSameIdIsAConflict() throws Exception {
        String festival = createFestival("Devices");
        String zone = read(
                apiPost("/festivals/" + festival + "/zones", adminBearer(), "{\"name\":\"Bar\",\"kind\":\"BAR\"}"),
                "$.id");
        UUID id = UUID.randomUUID();
        Ed25519.SigningKey key = Ed25519.generate();
        String path = "/admin/festivals/" + festival + "/devices";
        apiPost(path, adminBearer(), enrolment(id, zone, key))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.mode").value("POS"));
        apiPost(path, adminBearer(), enrolment(id, zone, key)).andExpect(status().isOk());
        apiPost(path, adminBearer(), enrolment(id, zone, Ed25519.generate()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("device_exists"));
        apiGet(path, adminBearer()).andExpect(jsonPath("$.length()").value(1));
        assertThat(registry.terminalKey(TerminalId.of(id))).contains(key.verificationKey());
        assertThat(registry.revokedAt(TerminalId.of(id))).isEmpty();
    }

    @Test
    void aRevokedTerminalCarriesItsRevocationTime() throws Exception {
        String festival = createFestival("Revoked");
        String zone = read(
                apiPost(
                        "/festivals/" + festival + "/zones",
                        adminBearer(),
                        "{\"name\":\"Gate\",\"kind\":\"ENTRANCE\"}"),
                "$.id");
        UUID id = UUID.randomUUID();
        apiPost("/admin/festivals/" + festival + "/devices", adminBearer(), enrolment(id, zone, Ed25519.generate()));
        apiPost(
                        "/admin/devices/" + id + "/revocation",
                        adminBearer(),
                        "{\"reason\":\"stolen\",\"revokedAt\":\"2027-07-01T10:00:00Z\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.reason").value("stolen"));
        assertThat(registry.revokedAt(TerminalId.of(id)))
                .hasValueSatisfying(at -> assertThat(at.toString()).isEqualTo("2027-07-01T10:00:00Z"));
        apiPost("/admin/devices/" + UUID.randomUUID() + "/revocation", adminBearer(), "{\"reason\":\"x\"}")
                .andExpect(status().isNotFound());
    }

    @Test
    void badKeysUnknownZonesAndForeignRolesAreRefused() throws Exception {
        String festival = createFestival("Bad devices");
        String path = "/admin/festivals/" + festival + "/devices";
        apiPost(path, adminBearer(), """
                        {"deviceId":"%s","kind":"TERMINAL","mode":"POS","name":"x","publicKey":"AAAA"}""".formatted(UUID.randomUUID())).andExpect(status().isBadRequest());
        apiPost(
                        path,
                        adminBearer(),
                        enrolment(UUID.randomUUID(), UUID.randomUUID().toString(), Ed25519.generate()))
                .andExpect(status().isNotFound());
        apiPost(
                        path,
                        tokens.bearer(Role.BAR_STAFF),
                        enrolment(UUID.randomUUID(), UUID.randomUUID().toString(), Ed25519.generate()))
                .andExpect(status().isForbidden());
        apiPost(
                        path,
                        tokens.bearerScoped(List.of(UUID.randomUUID()), Role.ORGANISER),
                        enrolment(UUID.randomUUID(), UUID.randomUUID().toString(), Ed25519.generate()))
                .andExpect(status().isNotFound());
    }

    @Test
    void wristbandRegistrationIsIdempotentAndRefusesOtherDataForAKnownUid() throws Exception {
        String festival = createFestival("Bands");
        String path = "/admin/festivals/" + festival + "/wristbands";
        apiPost(path, adminBearer(), "{\"uid\":\"04a1b2c3d4e5f6\",\"profile\":\"AES_CLASS\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.uid").value("04a1b2c3d4e5f6"));
        apiPost(path, adminBearer(), "{\"uid\":\"04A1B2C3D4E5F6\",\"profile\":\"AES_CLASS\"}")
                .andExpect(status().isOk());
        apiPost(path, adminBearer(), "{\"uid\":\"04A1B2C3D4E5F6\",\"profile\":\"NTAG21X\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("wristband_exists"));
        apiPost(path, adminBearer(), "{\"uid\":\"zz\",\"profile\":\"NTAG21X\"}").andExpect(status().isBadRequest());
        apiPost(
                        path,
                        adminBearer(),
                        "{\"uid\":\"04A1B2C3\",\"profile\":\"NTAG21X\",\"ticketId\":\"%s\"}"
                                .formatted(UUID.randomUUID()))
                .andExpect(status().isNotFound());
    }
}
