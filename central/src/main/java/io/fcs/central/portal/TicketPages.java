package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.ticketing.IssuedTicket;
import io.fcs.central.ticketing.TicketSales;
import io.fcs.central.ticketing.TicketType;
import io.fcs.central.ticketing.TicketTypes;
import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The attendee's tickets: buying through the payment provider (the sandbox's test cards stand
 * for the provider's own payment page, decision 0211), the list with each ticket's payment state,
 * and one ticket with its signed QR drawn large enough to scan from a phone.
 */
@Controller
class TicketPages {

    /** The sandbox provider's test cards, as the buy form offers them. */
    enum TestCard {
        APPROVED("tok_visa"),
        CONFIRMED_LATER("tok_deferred"),
        DECLINED("tok_declined");

        final String token;

        TestCard(String token) {
            this.token = token;
        }
    }

    private final FestivalChoice choice;
    private final Festivals festivals;
    private final TicketTypes types;
    private final TicketSales sales;
    private final PortalText text;

    TicketPages(FestivalChoice choice, Festivals festivals, TicketTypes types, TicketSales sales, PortalText text) {
        this.choice = choice;
        this.festivals = festivals;
        this.types = types;
        this.sales = sales;
        this.text = text;
    }

    @GetMapping("/my/tickets")
    String list(@RequestParam(name = "bought", required = false) String bought, Model model) {
        fillList(CurrentUser.require(), model);
        if ("paid".equals(bought) || "pending".equals(bought)) {
            model.addAttribute("bought", bought);
        }
        return "portal/tickets";
    }

    /** The list alone, polled by the page while a payment is pending. */
    @GetMapping("/my/tickets/list")
    String listFragment(Model model) {
        fillList(CurrentUser.require(), model);
        return "portal/tickets :: list";
    }

    private void fillList(CurrentUser user, Model model) {
        List<IssuedTicket> own = sales.ofOwner(user.id());
        model.addAttribute("tickets", own);
        model.addAttribute("anyPending", own.stream().anyMatch(t -> t.status() == IssuedTicket.Status.PENDING));
        model.addAttribute("festivalNames", WalletPages.festivalNames(festivals, List.of(), own));
    }

    @GetMapping("/my/tickets/buy")
    String buyForm(@RequestParam(name = "festival", required = false) String festivalId, Model model) {
        CurrentUser.require();
        Optional<Festival> festival = choice.pick(festivalId);
        fillBuy(model, festival.orElse(null), null, 1, TestCard.APPROVED);
        return "portal/buy";
    }

    @PostMapping("/my/tickets/buy")
    String buy(
            @RequestParam(name = "festival", defaultValue = "") String festivalId,
            @RequestParam(name = "ticketType", defaultValue = "") String ticketTypeId,
            @RequestParam(name = "quantity", defaultValue = "") String quantityText,
            @RequestParam(name = "card", defaultValue = "APPROVED") String cardText,
            @RequestParam(name = "key", defaultValue = "") String key,
            HttpServletResponse response,
            Model model) {
        CurrentUser user = CurrentUser.require();
        Festival festival = choice.pick(festivalId).orElseThrow(() -> ApiException.notFound("festival"));
        UUID typeId = parse(ticketTypeId);
        TicketType type = typeId == null
                ? null
                : types.find(typeId)
                        .filter(t -> t.festivalId().equals(festival.id()))
                        .orElse(null);
        int quantity = quantityText.matches("[0-9]{1,2}") ? Integer.parseInt(quantityText) : 0;
        TestCard card = card(cardText);
        String error = null;
        if (type == null) {
            error = text.text("portal.buy.error.type");
        } else if (quantity < 1 || quantity > 10) {
            error = text.text("portal.buy.error.quantity");
        } else if (card == null) {
            error = text.text("portal.buy.error.card");
        } else if (!key.matches("[0-9a-f-]{36}")) {
            error = text.text("portal.buy.error.expired");
        }
        if (error != null) {
            response.setStatus(400);
            fillBuy(
                    model,
                    festival,
                    typeId,
                    Math.max(1, Math.min(quantity, 10)),
                    card == null ? TestCard.APPROVED : card);
            model.addAttribute("error", error);
            return "portal/buy";
        }
        try {
            TicketSales.Order order =
                    sales.buy(user, new TicketSales.Purchase(type.id(), quantity, card.token, "portal:" + key));
            boolean paid = order.tickets().stream().allMatch(t -> t.status() == IssuedTicket.Status.VALID);
            return "redirect:/my/tickets?bought=" + (paid ? "paid" : "pending");
        } catch (ApiException refused) {
            response.setStatus(refused.status().value());
            fillBuy(model, festival, typeId, quantity, card);
            model.addAttribute("error", text.problem(refused));
            return "portal/buy";
        }
    }

    private void fillBuy(Model model, Festival festival, UUID selected, int quantity, TestCard card) {
        model.addAttribute("festivals", choice.visible());
        model.addAttribute("festival", festival);
        model.addAttribute("types", festival == null ? List.of() : types.ofFestival(festival.id()));
        model.addAttribute("selected", selected);
        model.addAttribute("quantity", quantity);
        model.addAttribute("card", card.name());
        model.addAttribute("cards", TestCard.values());
        // A new key per form: submitting the same form twice buys once (Idempotency-Key of the sale).
        model.addAttribute("key", UUID.randomUUID().toString());
    }

    @GetMapping("/my/tickets/{ticketId}")
    String ticket(@PathVariable("ticketId") String ticketId, Model model) {
        CurrentUser user = CurrentUser.require();
        UUID id = parse(ticketId);
        IssuedTicket ticket = (id == null ? Optional.<IssuedTicket>empty() : sales.find(id))
                .filter(t -> t.ownerId().equals(user.id()))
                .orElseThrow(() -> ApiException.notFound("ticket"));
        model.addAttribute("ticket", ticket);
        model.addAttribute("festival", festivals.find(ticket.festivalId()).orElse(null));
        if (ticket.status() == IssuedTicket.Status.VALID && ticket.qrCode() != null) {
            model.addAttribute("qrSvg", QrSvg.of(ticket.qrCode(), text.text("portal.ticket.qrLabel", ticket.type())));
        }
        return "portal/ticket";
    }

    private static TestCard card(String text) {
        try {
            return TestCard.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static UUID parse(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
