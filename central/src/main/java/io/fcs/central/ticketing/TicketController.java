package io.fcs.central.ticketing;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festivals;
import io.fcs.central.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Ticket types, purchases, refunds and ticket keys (API.md seed paths and CONTRACTS.md). */
@RestController
@Tag(name = "tickets")
class TicketController {

    static final String ANY_ROLE =
            "hasAnyRole('ADMIN','ORGANISER','FINANCE','BAR_STAFF','CASHIER','GATE_SECURITY','ATTENDEE')";

    private final TicketTypes types;
    private final TicketSales sales;
    private final TicketKeys keys;
    private final Festivals festivals;

    TicketController(TicketTypes types, TicketSales sales, TicketKeys keys, Festivals festivals) {
        this.types = types;
        this.sales = sales;
        this.keys = keys;
        this.festivals = festivals;
    }

    // --- ticket types ----------------------------------------------------------------------

    record CreateTicketType(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Min(0) @Max(100_000_000) Long priceCents,
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull @Min(1) @Max(10_000_000) Integer quota,
            Object validDays,
            @Size(max = 32) List<@NotNull UUID> zoneIds) {}

    record ZoneIds(@NotNull @Size(max = 32) List<@NotNull UUID> zoneIds) {}

    @PostMapping("/festivals/{festivalId}/ticket-types")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    TicketType createType(@PathVariable UUID festivalId, @Valid @RequestBody CreateTicketType request) {
        return types.create(
                festivalId,
                new TicketTypes.NewTicketType(
                        request.name(),
                        request.priceCents(),
                        request.currency(),
                        request.quota(),
                        request.validDays(),
                        request.zoneIds()),
                CurrentUser.require());
    }

    @GetMapping("/festivals/{festivalId}/ticket-types")
    @PreAuthorize(ANY_ROLE)
    List<TicketType> typesOf(@PathVariable UUID festivalId) {
        festivals.requireVisible(festivalId, CurrentUser.require());
        return types.ofFestival(festivalId);
    }

    @PutMapping("/festivals/{festivalId}/ticket-types/{ticketTypeId}/zones")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    TicketType setZones(
            @PathVariable UUID festivalId, @PathVariable UUID ticketTypeId, @Valid @RequestBody ZoneIds request) {
        return types.setZones(festivalId, ticketTypeId, request.zoneIds(), CurrentUser.require());
    }

    // --- purchases -------------------------------------------------------------------------

    record BuyRequest(
            @NotNull UUID ticketTypeId,
            @NotNull @Min(1) @Max(20) Integer quantity,
            @Size(max = 64) String cardToken) {}

    record TicketView(
            UUID id,
            UUID festivalId,
            UUID ticketTypeId,
            String type,
            long priceCents,
            String currency,
            String qrCode,
            IssuedTicket.Status status,
            Instant createdAt) {

        static TicketView of(IssuedTicket t) {
            return new TicketView(
                    t.id(),
                    t.festivalId(),
                    t.ticketTypeId(),
                    t.type(),
                    t.priceCents(),
                    t.currency(),
                    t.qrCode(),
                    t.status(),
                    t.createdAt());
        }
    }

    record BuyResponse(UUID orderId, List<TicketView> tickets) {}

    @PostMapping("/tickets/buy")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ANY_ROLE)
    BuyResponse buy(
            @Valid @RequestBody BuyRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
            throw ApiException.badRequest("Idempotency-Key must be 1..100 characters");
        }
        TicketSales.Order order = sales.buy(
                CurrentUser.require(),
                new TicketSales.Purchase(
                        request.ticketTypeId(), request.quantity(), request.cardToken(), idempotencyKey));
        return new BuyResponse(
                order.id(), order.tickets().stream().map(TicketView::of).toList());
    }

    @GetMapping("/tickets/me")
    @PreAuthorize(ANY_ROLE)
    List<TicketView> mine() {
        return sales.ofOwner(CurrentUser.require().id()).stream()
                .map(TicketView::of)
                .toList();
    }

    @PostMapping("/tickets/{ticketId}/refund")
    @PreAuthorize(ANY_ROLE)
    TicketView refund(@PathVariable UUID ticketId) {
        return TicketView.of(sales.refund(ticketId, CurrentUser.require()));
    }

    record PrintableTicket(UUID id, UUID ticketTypeId, String type, String holderName, String qrCode, String status) {}

    @GetMapping("/admin/festivals/{festivalId}/tickets")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    List<PrintableTicket> festivalTickets(
            @PathVariable UUID festivalId, @RequestParam(required = false) IssuedTicket.Status status) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        return sales.ofFestival(festivalId, status).stream()
                .map(t -> new PrintableTicket(
                        t.id(),
                        t.ticketTypeId(),
                        t.type(),
                        t.holderName(),
                        t.qrCode(),
                        t.status().name()))
                .toList();
    }

    // --- ticket keys -----------------------------------------------------------------------

    record InstallKey(
            @NotBlank @Size(max = 100) String privateKey,
            @NotNull Instant validFrom,
            Instant validUntil) {}

    record InstalledKey(String keyId, String fingerprint, String publicKey) {}

    @PutMapping("/admin/festivals/{festivalId}/ticket-keys/{keyId}")
    @PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
    InstalledKey installKey(
            @PathVariable UUID festivalId,
            @PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String keyId,
            @Valid @RequestBody InstallKey request) {
        festivals.requireStaffAccess(festivalId, CurrentUser.require());
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(request.privateKey());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("privateKey must be base64");
        }
        if (seed.length != 32) {
            throw ApiException.badRequest("privateKey must be a 32-byte Ed25519 seed");
        }
        TicketKeys.PublicTicketKey key =
                keys.install(festivalId, keyId, seed, request.validFrom(), request.validUntil());
        return new InstalledKey(key.keyId(), key.fingerprint(), key.publicKey());
    }

    @GetMapping("/festivals/{festivalId}/ticket-keys")
    List<TicketKeys.PublicTicketKey> ticketKeys(@PathVariable UUID festivalId) {
        if (festivals.find(festivalId).isEmpty()) {
            throw ApiException.notFound("festival");
        }
        return keys.publicKeys(festivalId);
    }
}
