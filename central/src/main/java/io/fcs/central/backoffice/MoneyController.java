package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.PointOfSale;
import io.fcs.central.finance.FinanceService;
import io.fcs.central.finance.Reconciliation;
import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Finance: the conservation totals of a festival and their breakdown per point of sale, terminal
 * and cashier shift; gaps, forks, offline exposure and review items with their actions (each an
 * audited posting through {@link FinanceService}); CSV and FEC downloads.
 */
@Controller
class MoneyController {

    private final BackOfficeModel.FestivalChoice choice;
    private final FinanceService finance;
    private final Festivals festivals;
    private final BackOfficeReads reads;
    private final PageMessages messages;

    MoneyController(
            BackOfficeModel.FestivalChoice choice,
            FinanceService finance,
            Festivals festivals,
            BackOfficeReads reads,
            PageMessages messages) {
        this.choice = choice;
        this.finance = finance;
        this.festivals = festivals;
        this.reads = reads;
        this.messages = messages;
    }

    @GetMapping("/admin/money")
    String page(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "done", required = false) String done,
            Model model) {
        messages.done(model, done);
        return render(model, festivalId);
    }

    @PostMapping("/admin/money/review-items/{itemId}")
    String act(
            @PathVariable("itemId") UUID itemId,
            @RequestParam("festival") UUID festivalId,
            @RequestParam(name = "action", required = false) String action,
            @RequestParam(name = "amount", required = false) String amount,
            @RequestParam(name = "uid", required = false) String uid,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "reference", required = false) String reference,
            @RequestParam(name = "ticket", required = false) String ticket,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.MONEY.require();
        festivals.requireStaffAccess(festivalId, me);
        try {
            FinanceService.ActionKind kind = actionKind(action);
            String transfer = null;
            if (kind == FinanceService.ActionKind.PAY_BY_BANK_TRANSFER) {
                transfer = FormInput.text(reference, "bo.field.reference", 100);
            }
            Long cents = null;
            if (kind == FinanceService.ActionKind.ADJUST) {
                cents = FormInput.cents(amount, "bo.field.amount", true);
            } else if (kind == FinanceService.ActionKind.WRITE_OFF && amount != null && !amount.isBlank()) {
                cents = FormInput.cents(amount, "bo.field.amount", false);
            }
            UUID ticketId = null;
            if (kind == FinanceService.ActionKind.REVOKE_TICKET && ticket != null && !ticket.isBlank()) {
                // only for an admission conflict that names no check-in; else its check-in's ticket
                ticketId = FormInput.id(ticket, "bo.field.ticket");
            }
            String why = FormInput.text(reason, "bo.field.reason", 300);
            finance.act(
                    festivalId,
                    itemId,
                    new FinanceService.Action(
                            kind.name(),
                            null,
                            uid == null || uid.isBlank() ? null : uid.strip(),
                            cents,
                            why,
                            transfer,
                            ticketId),
                    me.id());
        } catch (FormInput.Refused | ApiException | IllegalArgumentException e) {
            messages.refused(model, e, response);
            model.addAttribute("failedItem", itemId);
            return render(model, festivalId);
        }
        return "redirect:/admin/money?festival=" + festivalId + "&done=reviewResolved#review";
    }

    @PostMapping("/admin/money/adjustments")
    String adjust(
            @RequestParam("festival") UUID festivalId,
            @RequestParam(name = "wallet", required = false) String wallet,
            @RequestParam(name = "amount", required = false) String amount,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "key", required = false) String key,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.MONEY.require();
        festivals.requireStaffAccess(festivalId, me);
        try {
            UUID walletId = FormInput.id(wallet, "bo.field.wallet");
            long cents = FormInput.cents(amount, "bo.field.amount", true);
            String why = FormInput.text(reason, "bo.field.reason", 300);
            String idempotency = key == null || key.isBlank() || key.length() > 100 ? null : key;
            finance.adjust(festivalId, walletId, cents, why, idempotency == null ? null : "page:" + idempotency);
        } catch (FormInput.Refused | ApiException | IllegalArgumentException e) {
            messages.refused(model, e, response);
            model.addAttribute(
                    "adjustForm",
                    Map.of(
                            "wallet", wallet == null ? "" : wallet,
                            "amount", amount == null ? "" : amount,
                            "reason", reason == null ? "" : reason));
            return render(model, festivalId);
        }
        return "redirect:/admin/money?festival=" + festivalId + "&done=adjusted";
    }

    @GetMapping("/admin/money/exports/fec")
    ResponseEntity<byte[]> fec(@RequestParam("festival") UUID festivalId) {
        Festival festival = festivals.requireStaffAccess(festivalId, Section.MONEY.require());
        return file(finance.fecExport(festival.id()), "text/plain", "FEC-" + festival.id() + ".txt");
    }

    @GetMapping("/admin/money/exports/csv")
    ResponseEntity<byte[]> csv(@RequestParam("festival") UUID festivalId) {
        Festival festival = festivals.requireStaffAccess(festivalId, Section.MONEY.require());
        return file(finance.csvExport(festival.id()), "text/csv", "journal-" + festival.id() + ".csv");
    }

    private String render(Model model, UUID festivalId) {
        CurrentUser me = Section.MONEY.require();
        model.addAttribute("section", Section.MONEY);
        Festival festival = choice.choose(model, me, festivalId);
        model.addAttribute("actions", FinanceService.ActionKind.values());
        model.addAttribute("newKey", UUID.randomUUID().toString());
        if (festival == null) {
            return "backoffice/money";
        }
        Reconciliation r = finance.reconciliation(festival.id());
        model.addAttribute("r", r);
        Map<String, String> names = new HashMap<>();
        for (PointOfSale pos : festivals.pointsOfSale(festival.id())) {
            names.put(pos.id().toString(), pos.name());
        }
        reads.devices(festival.id()).forEach(d -> names.putIfAbsent(d.id().toString(), d.name()));
        model.addAttribute("names", names);
        return "backoffice/money";
    }

    private static FinanceService.ActionKind actionKind(String action) {
        try {
            return FinanceService.ActionKind.valueOf(action == null ? "" : action);
        } catch (IllegalArgumentException e) {
            throw new FormInput.Refused("bo.input.action");
        }
    }

    private static ResponseEntity<byte[]> file(String content, String type, String name) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(type), StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(content.getBytes(StandardCharsets.UTF_8));
    }
}
