package io.fcs.central.festival;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.Role;
import io.fcs.central.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Festivals and their set-up (API.md seed paths plus zones, gates, points of sale, prices). */
@RestController
@Tag(name = "festivals")
class FestivalController {

    static final long MAX_OFFLINE_ALLOWANCE_CENTS = 100_000_00L;

    private final Festivals festivals;
    private final FestivalSetup setup;
    private final JdbcClient jdbc;

    FestivalController(Festivals festivals, FestivalSetup setup, JdbcClient jdbc) {
        this.festivals = festivals;
        this.setup = setup;
        this.jdbc = jdbc;
    }

    record CreateFestival(
            @NotBlank @Size(max = 200) String name,
            @NotNull LocalDate startDate,
            @NotNull LocalDate endDate,
            @NotBlank @Size(max = 200) String venue,
            @Pattern(regexp = "[A-Z]{3}") String currency,
            @Size(max = 64) String timeZone,

            @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]")
            String dayCutover,

            @PositiveOrZero @Max(MAX_OFFLINE_ALLOWANCE_CENTS)
            Long offlineAllowanceCents) {}

    record UpdateFestival(
            @Size(min = 1, max = 200) String name,
            LocalDate startDate,
            LocalDate endDate,
            @Size(min = 1, max = 200) String venue,
            Festival.Status status,
            @Size(max = 64) String timeZone,

            @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]")
            String dayCutover,

            @PositiveOrZero @Max(MAX_OFFLINE_ALLOWANCE_CENTS)
            Long offlineAllowanceCents) {}

    record FestivalView(
            UUID id,
            String name,
            LocalDate startDate,
            LocalDate endDate,
            String venue,
            Festival.Status status,
            String currency,
            String timeZone,
            String dayCutover,
            long offlineAllowanceCents,
            Instant createdAt) {

        static FestivalView of(Festival f) {
            return new FestivalView(
                    f.id(),
                    f.name(),
                    f.startDate(),
                    f.endDate(),
                    f.venue(),
                    f.status(),
                    f.currency(),
                    f.timeZone(),
                    f.dayCutover(),
                    f.offlineAllowanceCents(),
                    f.createdAt());
        }
    }

    @PostMapping("/festivals")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    FestivalView create(@Valid @RequestBody CreateFestival request) {
        CurrentUser caller = CurrentUser.require();
        if (!caller.isAdmin() && !caller.festivals().isEmpty()) {
            throw ApiException.forbidden("an organiser scoped to festivals cannot create new ones");
        }
        return FestivalView.of(setup.create(
                new FestivalSetup.NewFestival(
                        request.name(),
                        request.startDate(),
                        request.endDate(),
                        request.venue(),
                        request.currency() == null ? "EUR" : request.currency(),
                        zone(request.timeZone() == null ? "UTC" : request.timeZone()),
                        request.dayCutover() == null ? "06:00" : request.dayCutover(),
                        request.offlineAllowanceCents() == null ? 0 : request.offlineAllowanceCents()),
                caller));
    }

    @GetMapping("/festivals")
    List<FestivalView> list() {
        CurrentUser caller = CurrentUser.require();
        boolean seesAll = caller.hasAny(Role.ADMIN, Role.ORGANISER, Role.FINANCE);
        return jdbc
                .sql("select " + Festivals.COLUMNS + " from festival order by start_date, name")
                .query(Festivals::map)
                .list()
                .stream()
                .filter(f -> seesAll ? caller.canStaff(f.id()) : f.status().isPublic() || caller.canStaff(f.id()))
                .map(FestivalView::of)
                .toList();
    }

    @GetMapping("/festivals/{id}")
    FestivalView get(@PathVariable UUID id) {
        return FestivalView.of(festivals.requireVisible(id, CurrentUser.require()));
    }

    @PatchMapping("/festivals/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    FestivalView update(@PathVariable UUID id, @Valid @RequestBody UpdateFestival request) {
        return FestivalView.of(setup.update(
                id,
                new FestivalSetup.FestivalChanges(
                        request.name(),
                        request.startDate(),
                        request.endDate(),
                        request.venue(),
                        request.status(),
                        request.timeZone() == null ? null : zone(request.timeZone()),
                        request.dayCutover(),
                        request.offlineAllowanceCents()),
                CurrentUser.require()));
    }

    // --- zones ---------------------------------------------------------------------------

    record CreateZone(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Pattern(regexp = "[A-Z_]{2,20}") String kind,
            @Min(1) @Max(10_000_000) Integer capacity,
            @Pattern(regexp = REENTRY) String reentry,
            @Min(0) @Max(Zone.MAX_COOLDOWN_SECONDS) Integer reentryCooldownSeconds,
            @Min(0) @Max(100) Integer offlineSharePercent) {}

    static final String REENTRY = "NONE|ALLOWED|AFTER_EXIT";

    @PostMapping("/festivals/{festivalId}/zones")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    Zone createZone(@PathVariable UUID festivalId, @Valid @RequestBody CreateZone request) {
        return setup.addZone(
                festivalId,
                request.name(),
                request.kind(),
                request.capacity(),
                rules(request.reentry(), request.reentryCooldownSeconds(), request.offlineSharePercent()),
                CurrentUser.require());
    }

    /** A zone's re-entry rule and offline share, all three given (what is left out is the default). */
    record ZoneRules(
            @NotNull @Pattern(regexp = REENTRY) String reentry,
            @Min(0) @Max(Zone.MAX_COOLDOWN_SECONDS) Integer reentryCooldownSeconds,
            @Min(0) @Max(100) Integer offlineSharePercent) {}

    @PutMapping("/festivals/{festivalId}/zones/{zoneId}/rules")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    Zone setZoneRules(@PathVariable UUID festivalId, @PathVariable UUID zoneId, @Valid @RequestBody ZoneRules request) {
        return setup.setZoneRules(
                festivalId,
                zoneId,
                rules(request.reentry(), request.reentryCooldownSeconds(), request.offlineSharePercent()),
                CurrentUser.require());
    }

    private static Zone.Rules rules(String reentry, Integer coolDown, Integer share) {
        return new Zone.Rules(
                reentry == null ? Zone.Reentry.NONE : Zone.Reentry.valueOf(reentry),
                coolDown == null ? 0 : coolDown,
                share);
    }

    @GetMapping("/festivals/{festivalId}/zones")
    List<Zone> zones(@PathVariable UUID festivalId) {
        festivals.requireVisible(festivalId, CurrentUser.require());
        return festivals.zones(festivalId);
    }

    // --- gates ---------------------------------------------------------------------------

    record CreateGate(
            @NotBlank @Size(max = 100) String name, @NotNull UUID zoneId) {}

    @PostMapping("/festivals/{festivalId}/gates")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    FestivalSetup.Gate createGate(@PathVariable UUID festivalId, @Valid @RequestBody CreateGate request) {
        return setup.addGate(festivalId, request.zoneId(), request.name(), CurrentUser.require());
    }

    @GetMapping("/festivals/{festivalId}/gates")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER','GATE_SECURITY','FINANCE')")
    List<FestivalSetup.Gate> gates(@PathVariable UUID festivalId) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        return setup.gates(festivalId);
    }

    // --- points of sale and price lists --------------------------------------------------

    record CreatePointOfSale(
            @NotBlank @Size(max = 100) String name,
            @NotNull UUID zoneId,
            @NotNull PointOfSale.Kind kind) {}

    record ProductRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}")
            String code,

            @NotBlank @Size(max = 100) String name,
            @NotNull @PositiveOrZero @Max(10_000_000) Long priceCents,
            @NotBlank @Size(max = 32) String category) {}

    @PostMapping("/festivals/{festivalId}/points-of-sale")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    PointOfSale createPointOfSale(@PathVariable UUID festivalId, @Valid @RequestBody CreatePointOfSale request) {
        return setup.addPointOfSale(
                festivalId, request.zoneId(), request.name(), request.kind(), CurrentUser.require());
    }

    @GetMapping("/festivals/{festivalId}/points-of-sale")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER','FINANCE','BAR_STAFF','CASHIER')")
    List<PointOfSale> pointsOfSale(@PathVariable UUID festivalId) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        return festivals.pointsOfSale(festivalId);
    }

    @PutMapping("/festivals/{festivalId}/points-of-sale/{posId}/products")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    PointOfSale setProducts(
            @PathVariable UUID festivalId,
            @PathVariable UUID posId,
            @Valid @RequestBody @Size(max = 500) List<@Valid @NotNull ProductRequest> products) {
        return setup.setProducts(
                festivalId,
                posId,
                products.stream()
                        .map(p -> new PointOfSale.Product(p.code(), p.name(), p.priceCents(), p.category()))
                        .toList(),
                CurrentUser.require());
    }

    private static String zone(String timeZone) {
        try {
            return ZoneId.of(timeZone).getId();
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timeZone is not a known time zone: " + timeZone);
        }
    }
}
