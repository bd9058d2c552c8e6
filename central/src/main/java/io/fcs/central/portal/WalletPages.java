package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.ticketing.IssuedTicket;
import io.fcs.central.wallet.CashlessPolicies;
import io.fcs.central.wallet.CashlessPolicy;
import io.fcs.central.wallet.CashlessService;
import io.fcs.central.wallet.Wristbands;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.FestivalId;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The attendee's cashless account at one festival: balance (the ledger's) and what is still to be
 * loaded onto the wristband, online top-up through the payment provider, history, linking and
 * blocking wristbands, and the refund of the unused balance once the festival opens refunds.
 * Every action goes through {@link CashlessService}, exactly as the API's; a refusal re-renders
 * the page with the reason next to the form and nothing changed.
 */
@Controller
class WalletPages {

    private static final Set<String> DONE = Set.of("top-up", "top-up-pending", "linked", "blocked", "refund");

    private final FestivalChoice choice;
    private final CashlessService cashless;
    private final CashlessPolicies policies;
    private final PortalText text;

    WalletPages(FestivalChoice choice, CashlessService cashless, CashlessPolicies policies, PortalText text) {
        this.choice = choice;
        this.cashless = cashless;
        this.policies = policies;
        this.text = text;
    }

    @GetMapping("/my/wallet")
    String wallet(
            @RequestParam(name = "festival", required = false) String festivalId,
            @RequestParam(name = "done", required = false) String done,
            Model model) {
        CurrentUser user = CurrentUser.require();
        Festival festival = choice.pick(festivalId).orElse(null);
        fill(model, user, festival);
        if (done != null && DONE.contains(done)) {
            model.addAttribute("done", done);
        }
        return "portal/wallet";
    }

    @PostMapping("/my/wallet/top-up")
    String topUp(
            @RequestParam(name = "festival", defaultValue = "") String festivalId,
            @RequestParam(name = "amount", defaultValue = "") String amount,
            @RequestParam(name = "card", defaultValue = "APPROVED") String cardText,
            @RequestParam(name = "key", defaultValue = "") String key,
            HttpServletResponse response,
            Model model) {
        CurrentUser user = CurrentUser.require();
        Festival festival = festival(festivalId);
        OptionalLong cents = PortalText.cents(amount, festival.currency());
        TicketPages.TestCard card = card(cardText);
        if (cents.isEmpty() || cents.getAsLong() > CashlessService.MAX_AMOUNT_CENTS) {
            return refused(model, response, user, festival, "topUp", 400, text.text("portal.wallet.error.amount"));
        }
        if (card == null) {
            return refused(model, response, user, festival, "topUp", 400, text.text("portal.buy.error.card"));
        }
        if (!key.matches("[0-9a-f-]{36}")) {
            return refused(model, response, user, festival, "topUp", 400, text.text("portal.buy.error.expired"));
        }
        try {
            CashlessService.TopUp done =
                    cashless.topUp(user, festival.id(), cents.getAsLong(), "CARD", card.token, "portal:" + key);
            return back(festival, done.confirmed() ? "top-up" : "top-up-pending");
        } catch (ApiException refused) {
            return refused(
                    model, response, user, festival, "topUp", refused.status().value(), text.problem(refused));
        }
    }

    @PostMapping("/my/wallet/wristbands")
    String link(
            @RequestParam(name = "festival", defaultValue = "") String festivalId,
            @RequestParam(name = "uid", defaultValue = "") String uidText,
            HttpServletResponse response,
            Model model) {
        CurrentUser user = CurrentUser.require();
        Festival festival = festival(festivalId);
        String uid = uid(uidText);
        if (uid == null) {
            model.addAttribute("typedUid", uidText.length() > 40 ? "" : uidText);
            return refused(model, response, user, festival, "link", 400, text.text("portal.wallet.error.uid"));
        }
        try {
            cashless.linkWristband(user, festival.id(), uid);
            return back(festival, "linked");
        } catch (ApiException refused) {
            model.addAttribute("typedUid", uidText);
            return refused(
                    model, response, user, festival, "link", refused.status().value(), text.problem(refused));
        }
    }

    @PostMapping("/my/wallet/wristbands/block")
    String block(
            @RequestParam(name = "festival", defaultValue = "") String festivalId,
            @RequestParam(name = "uid", defaultValue = "") String uidText,
            HttpServletResponse response,
            Model model) {
        CurrentUser user = CurrentUser.require();
        Festival festival = festival(festivalId);
        String uid = uid(uidText);
        if (uid == null) {
            return refused(model, response, user, festival, "bands", 400, text.text("portal.wallet.error.uid"));
        }
        try {
            cashless.blockWristband(user, festival.id(), uid, "lost (reported on the portal)");
            return back(festival, "blocked");
        } catch (ApiException refused) {
            return refused(
                    model, response, user, festival, "bands", refused.status().value(), text.problem(refused));
        }
    }

    @PostMapping("/my/wallet/refund")
    String refund(
            @RequestParam(name = "festival", defaultValue = "") String festivalId,
            @RequestParam(name = "method", defaultValue = "") String method,
            @RequestParam(name = "iban", defaultValue = "") String iban,
            HttpServletResponse response,
            Model model) {
        CurrentUser user = CurrentUser.require();
        Festival festival = festival(festivalId);
        if (!Set.of("CARD", "BANK_TRANSFER", "DONATION").contains(method)) {
            return refused(model, response, user, festival, "refund", 400, text.text("portal.refund.error.method"));
        }
        if (iban.length() > 64) {
            return refused(model, response, user, festival, "refund", 400, text.text("portal.refund.error.iban"));
        }
        try {
            cashless.refund(user, festival.id(), method, iban.isBlank() ? null : iban);
            return back(festival, "refund");
        } catch (ApiException refused) {
            model.addAttribute("typedIban", iban);
            return refused(
                    model, response, user, festival, "refund", refused.status().value(), text.problem(refused));
        }
    }

    private Festival festival(String festivalId) {
        if (festivalId.isBlank()) {
            throw ApiException.notFound("festival");
        }
        return choice.pick(festivalId).orElseThrow(() -> ApiException.notFound("festival"));
    }

    private String refused(
            Model model,
            HttpServletResponse response,
            CurrentUser user,
            Festival festival,
            String section,
            int status,
            String message) {
        response.setStatus(status);
        fill(model, user, festival);
        model.addAttribute("errorSection", section);
        model.addAttribute("error", message);
        return "portal/wallet";
    }

    private void fill(Model model, CurrentUser user, Festival festival) {
        model.addAttribute("festivals", choice.visible());
        model.addAttribute("festival", festival);
        model.addAttribute("cards", TicketPages.TestCard.values());
        model.addAttribute("key", UUID.randomUUID().toString());
        if (festival == null) {
            return;
        }
        CashlessService.Account account = cashless.accounts(user).stream()
                .filter(a -> a.festivalId().equals(festival.id()))
                .findFirst()
                .orElse(null);
        model.addAttribute("account", account);
        model.addAttribute("currency", account == null ? festival.currency() : account.currency());
        model.addAttribute("history", account == null ? List.of() : cashless.history(user, festival.id(), 50));
        model.addAttribute("refunds", cashless.myRefunds(user, festival.id()));
        CashlessPolicy policy = policies.of(FestivalId.of(festival.id()));
        model.addAttribute("policy", policy);
        model.addAttribute(
                "refundMethods",
                policy.refundMethods().stream().map(Enum::name).sorted().toList());
    }

    private static String back(Festival festival, String done) {
        return "redirect:/my/wallet?festival=" + URLEncoder.encode(festival.id().toString(), StandardCharsets.UTF_8)
                + "&done=" + done;
    }

    private static TicketPages.TestCard card(String text) {
        try {
            return TicketPages.TestCard.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A UID as people copy it from a wristband ("04:A1:B2:…", spaces) to central's form, or null. */
    static String uid(String typed) {
        if (typed == null || typed.length() > 40) {
            return null;
        }
        try {
            return Wristbands.uid(typed.replaceAll("[\\s:-]", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Festival names by id for the festivals of the given accounts and tickets. */
    static Map<UUID, String> festivalNames(
            Festivals festivals, Collection<CashlessService.Account> accounts, Collection<IssuedTicket> tickets) {
        Map<UUID, String> names = new LinkedHashMap<>();
        accounts.forEach(a -> names.computeIfAbsent(
                a.festivalId(), id -> festivals.find(id).map(Festival::name).orElse("")));
        tickets.forEach(t -> names.computeIfAbsent(
                t.festivalId(), id -> festivals.find(id).map(Festival::name).orElse("")));
        return names;
    }
}
