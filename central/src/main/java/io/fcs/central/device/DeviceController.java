package io.fcs.central.device;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festivals;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.record.WristbandUid;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Device registry and wristband registration for provisioning (CONTRACTS.md). */
@RestController
@Tag(name = "devices")
@PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
class DeviceController {

    private final DeviceAdmin admin;
    private final Festivals festivals;

    DeviceController(DeviceAdmin admin, Festivals festivals) {
        this.admin = admin;
        this.festivals = festivals;
    }

    record EnrolRequest(
            @NotNull UUID deviceId,
            @NotNull DeviceRegistry.Kind kind,
            DeviceRegistry.Mode mode,
            UUID zoneId,
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 100) String publicKey,
            @Size(max = 8000) String certificatePem) {}

    record DeviceView(
            UUID deviceId,
            DeviceRegistry.Kind kind,
            DeviceRegistry.Mode mode,
            UUID zoneId,
            String name,
            String publicKey,
            DeviceRegistry.Status status,
            Instant revokedAt,
            String reason) {

        static DeviceView of(DeviceRegistry.Device d) {
            return new DeviceView(
                    d.deviceId(),
                    d.kind(),
                    d.mode(),
                    d.zoneId(),
                    d.name(),
                    Base64.getEncoder().encodeToString(d.publicKey().encoded()),
                    d.status(),
                    d.revokedAt(),
                    d.reason());
        }
    }

    @PostMapping("/admin/festivals/{festivalId}/devices")
    ResponseEntity<DeviceView> enrol(@PathVariable UUID festivalId, @Valid @RequestBody EnrolRequest request) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        byte[] key;
        try {
            key = Base64.getDecoder().decode(request.publicKey());
            new Ed25519.VerificationKey(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("publicKey must be base64 of a 32-byte Ed25519 public key");
        }
        DeviceAdmin.Enrolled enrolled = admin.enrol(
                festivalId,
                new DeviceAdmin.Enrolment(
                        request.deviceId(),
                        request.kind(),
                        request.mode(),
                        request.zoneId(),
                        request.name().trim(),
                        key,
                        request.certificatePem()));
        return ResponseEntity.status(enrolled.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(DeviceView.of(enrolled.device()));
    }

    @GetMapping("/admin/festivals/{festivalId}/devices")
    List<DeviceView> devices(@PathVariable UUID festivalId) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        return admin.devices(festivalId).stream().map(DeviceView::of).toList();
    }

    record RevocationRequest(@NotBlank @Size(max = 500) String reason, Instant revokedAt) {}

    @PostMapping("/admin/devices/{deviceId}/revocation")
    DeviceView revoke(@PathVariable UUID deviceId, @Valid @RequestBody RevocationRequest request) {
        DeviceRegistry.Device device = admin.device(deviceId).orElseThrow(() -> ApiException.notFound("device"));
        festivals.requireStaffAccess(device.festivalId().value(), CurrentUser.require());
        Instant at = request.revokedAt() == null ? Instant.now() : request.revokedAt();
        return DeviceView.of(admin.revoke(deviceId, request.reason(), at));
    }

    record WristbandRequest(
            @NotBlank @Size(max = 20) String uid,
            @NotNull Wristbands.Profile profile,
            UUID ticketId,
            UUID staffUserId) {}

    @PostMapping("/admin/festivals/{festivalId}/wristbands")
    ResponseEntity<Wristbands.Wristband> registerWristband(
            @PathVariable UUID festivalId, @Valid @RequestBody WristbandRequest request) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        String uid = canonicalUid(request.uid());
        DeviceAdmin.Registered registered =
                admin.registerWristband(festivalId, uid, request.profile(), request.ticketId(), request.staffUserId());
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(registered.wristband());
    }

    @GetMapping("/admin/festivals/{festivalId}/wristbands")
    List<Wristbands.Wristband> wristbands(@PathVariable UUID festivalId) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        return admin.ofFestival(festivalId);
    }

    record BadgeRequest(
            @NotNull UUID festivalId,
            @NotBlank @Size(max = 20) String uid,
            Wristbands.Profile profile) {}

    /** Issues a staff badge: a wristband bound to the staff user, for terminal login. */
    @PostMapping("/admin/staff/{userId}/badges")
    ResponseEntity<Wristbands.Wristband> issueBadge(
            @PathVariable UUID userId, @Valid @RequestBody BadgeRequest request) {
        festivals.requireStaffAccess(request.festivalId(), CurrentUser.require());
        DeviceAdmin.Registered registered = admin.registerWristband(
                request.festivalId(),
                canonicalUid(request.uid()),
                request.profile() == null ? Wristbands.Profile.AES_CLASS : request.profile(),
                null,
                userId);
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(registered.wristband());
    }

    /** Lower-case hex (as the wallet and sync packages keep UIDs) of a 4..10-byte UID; anything else is a 400. */
    static String canonicalUid(String hex) {
        try {
            return WristbandUid.parse(hex.trim()).toString().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("uid must be 4..10 bytes of hex");
        }
    }
}
