package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.UserAccount;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.Zone;
import io.fcs.central.ticketing.IssuedTicket;
import io.fcs.central.ticketing.TicketSales;
import io.fcs.central.wallet.Wristbands;
import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The ticket desk: find tickets by holder or owner name, e-mail, ticket id or wristband UID; see a
 * ticket's history (sold, paid, scanned where and when, refunded); refund it (which also revokes
 * it at every gate through the deny list).
 */
@Controller
class TicketDeskController {

    /** Tickets scanned for a name search; names are encrypted at rest, so they are compared here. */
    static final int NAME_SCAN_LIMIT = 5_000;

    static final int RESULTS = 100;

    private static final Pattern UID = Pattern.compile("(?i)[0-9a-f:\\s-]{8,40}");

    private final BackOfficeModel.FestivalChoice choice;
    private final TicketSales tickets;
    private final UserAccounts users;
    private final Festivals festivals;
    private final BackOfficeReads reads;
    private final PageMessages messages;

    TicketDeskController(
            BackOfficeModel.FestivalChoice choice,
            TicketSales tickets,
            UserAccounts users,
            Festivals festivals,
            BackOfficeReads reads,
            PageMessages messages) {
        this.choice = choice;
        this.tickets = tickets;
        this.users = users;
        this.festivals = festivals;
        this.reads = reads;
        this.messages = messages;
    }

    record Row(IssuedTicket ticket, String ownerEmail, String ownerName) {}

    @GetMapping("/admin/ticket-desk")
    String search(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "q", required = false) String query,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.TICKETS.require();
        model.addAttribute("section", Section.TICKETS);
        Festival festival = choice.choose(model, me, festivalId);
        model.addAttribute("q", query == null ? "" : query);
        if (festival == null || query == null || query.isBlank()) {
            return "backoffice/tickets";
        }
        if (query.length() > 200) {
            messages.refused(model, new FormInput.Refused("bo.input.tooLong", "bo.tickets.query", 200), response);
            return "backoffice/tickets";
        }
        List<IssuedTicket> found = find(festival, query.strip());
        Map<UUID, Optional<UserAccount>> owners = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (IssuedTicket t : found.subList(0, Math.min(RESULTS, found.size()))) {
            Optional<UserAccount> owner = owners.computeIfAbsent(t.ownerId(), users::find);
            rows.add(new Row(
                    t,
                    owner.map(UserAccount::email).orElse("—"),
                    owner.map(UserAccount::name).orElse("—")));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("searched", true);
        return "backoffice/tickets";
    }

    private List<IssuedTicket> find(Festival festival, String query) {
        UUID festivalId = festival.id();
        try {
            UUID id = UUID.fromString(query);
            return tickets.find(id).filter(t -> t.festivalId().equals(festivalId)).stream()
                    .toList();
        } catch (IllegalArgumentException notAnId) {
            // not a ticket id: try the other kinds
        }
        if (query.contains("@")) {
            return users.findByEmail(query)
                    .map(u -> tickets.ofOwner(u.id()).stream()
                            .filter(t -> t.festivalId().equals(festivalId))
                            .toList())
                    .orElse(List.of());
        }
        if (UID.matcher(query).matches()) {
            try {
                String uid = Wristbands.uid(query);
                Map<UUID, IssuedTicket> result = new LinkedHashMap<>();
                reads.ticketOfWristband(uid)
                        .flatMap(tickets::find)
                        .filter(t -> t.festivalId().equals(festivalId))
                        .ifPresent(t -> result.put(t.id(), t));
                reads.ownerOfWristband(festivalId, uid).ifPresent(owner -> tickets.ofOwner(owner).stream()
                        .filter(t -> t.festivalId().equals(festivalId))
                        .forEach(t -> result.putIfAbsent(t.id(), t)));
                if (!result.isEmpty()) {
                    return List.copyOf(result.values());
                }
            } catch (IllegalArgumentException notAUid) {
                // fall through to a name search
            }
        }
        String needle = query.toLowerCase(Locale.ROOT);
        Map<UUID, Boolean> ownerMatches = new HashMap<>();
        List<IssuedTicket> all = tickets.ofFestival(festivalId, null);
        return all.subList(0, Math.min(NAME_SCAN_LIMIT, all.size())).stream()
                .filter(t -> contains(t.holderName(), needle)
                        || ownerMatches.computeIfAbsent(t.ownerId(), o -> users.find(o)
                                .map(u -> contains(u.name(), needle))
                                .orElse(false)))
                .toList();
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
    }

    @GetMapping("/admin/ticket-desk/{ticketId}")
    String ticket(
            @PathVariable("ticketId") UUID ticketId,
            @RequestParam(name = "done", required = false) String done,
            Model model) {
        messages.done(model, done);
        return show(model, ticketId);
    }

    @PostMapping("/admin/ticket-desk/{ticketId}/refund")
    String refund(@PathVariable("ticketId") UUID ticketId, Model model, HttpServletResponse response) {
        CurrentUser me = Section.TICKETS.require();
        IssuedTicket ticket = tickets.find(ticketId).orElseThrow(() -> ApiException.notFound("ticket"));
        festivals.requireStaffAccess(ticket.festivalId(), me);
        try {
            tickets.refund(ticketId, me);
        } catch (ApiException e) {
            messages.refused(model, e, response);
            return show(model, ticketId);
        }
        return "redirect:/admin/ticket-desk/" + ticketId + "?done=refunded";
    }

    record Event(java.time.Instant at, String what, String where) {}

    private String show(Model model, UUID ticketId) {
        CurrentUser me = Section.TICKETS.require();
        model.addAttribute("section", Section.TICKETS);
        IssuedTicket ticket = tickets.find(ticketId).orElseThrow(() -> ApiException.notFound("ticket"));
        Festival festival = festivals.requireStaffAccess(ticket.festivalId(), me);
        choice.choose(model, me, festival.id());
        model.addAttribute("ticket", ticket);
        model.addAttribute("owner", users.find(ticket.ownerId()).orElse(null));
        Map<UUID, String> zoneNames = new HashMap<>();
        for (Zone z : festivals.zones(festival.id())) {
            zoneNames.put(z.id(), z.name());
        }
        Map<UUID, String> deviceNames = new HashMap<>();
        reads.devices(festival.id()).forEach(d -> deviceNames.put(d.id(), d.name()));
        List<String> bands = reads.wristbandsOfTicket(ticketId);
        model.addAttribute("wristbands", bands);
        List<Event> history = new ArrayList<>();
        reads.ticketTimes(ticketId).ifPresent(times -> {
            history.add(new Event(times.createdAt(), messages.text("bo.tickets.sold"), ""));
            if (times.paidAt() != null) {
                history.add(new Event(times.paidAt(), messages.text("bo.tickets.paid"), ""));
            }
            if (times.revokedAt() != null) {
                history.add(new Event(
                        times.revokedAt(),
                        messages.text("bo.tickets.revokedAs", ticket.status().name()),
                        ""));
            }
        });
        for (BackOfficeReads.CheckIn c : reads.checkIns(ticketId, bands)) {
            String where = (c.zoneId() == null ? "" : zoneNames.getOrDefault(c.zoneId(), "")) + " · "
                    + (c.terminalId() == null
                            ? ""
                            : deviceNames.getOrDefault(
                                    c.terminalId(), c.terminalId().toString()));
            String what = messages.text("bo.tickets.scanned")
                    + (c.outcome() == null ? "" : " (" + c.outcome() + ")")
                    + (c.offline() ? " · " + messages.text("bo.offline") : "")
                    + (c.uid() == null ? "" : " · " + c.uid());
            history.add(new Event(c.at(), what, where));
        }
        history.sort(java.util.Comparator.comparing(
                Event::at, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        model.addAttribute("history", history);
        model.addAttribute("canRefund", me.isAdmin() && ticket.status() == IssuedTicket.Status.VALID);
        return "backoffice/ticket";
    }
}
