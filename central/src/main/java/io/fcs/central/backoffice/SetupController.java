package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.FestivalSetup;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.PointOfSale;
import io.fcs.central.festival.Zone;
import io.fcs.central.ticketing.TicketTypes;
import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Festival set-up over {@link FestivalSetup} and {@link TicketTypes}: festivals (dates, status,
 * offline allowance), zones, gates, points of sale with their price lists, ticket types and quotas.
 * Every change is audited by those services; a refused form changes nothing and comes back filled.
 */
@Controller
class SetupController {

    static final long MAX_OFFLINE_ALLOWANCE_CENTS = 100_000_00L;

    static final List<String> REENTRY_RULES = List.of("NONE", "ALLOWED", "AFTER_EXIT");

    static final List<String> ZONE_KINDS =
            List.of("ENTRANCE", "ARENA", "STAGE", "BAR_AREA", "CAMPING", "VIP", "BACKSTAGE");

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern CUTOVER = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final BackOfficeModel.FestivalChoice choice;
    private final FestivalSetup setup;
    private final Festivals festivals;
    private final TicketTypes ticketTypes;
    private final PageMessages messages;
    private final BackOfficeFormat format;

    SetupController(
            BackOfficeModel.FestivalChoice choice,
            FestivalSetup setup,
            Festivals festivals,
            TicketTypes ticketTypes,
            PageMessages messages,
            BackOfficeFormat format) {
        this.format = format;
        this.choice = choice;
        this.setup = setup;
        this.festivals = festivals;
        this.ticketTypes = ticketTypes;
        this.messages = messages;
    }

    @GetMapping("/admin/setup")
    String page(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "done", required = false) String done,
            Model model) {
        messages.done(model, done);
        return render(model, festivalId);
    }

    @PostMapping("/admin/setup/festivals")
    String createFestival(@RequestParam Map<String, String> form, Model model, HttpServletResponse response) {
        CurrentUser me = Section.SETUP.require();
        return attempt(model, response, null, "festival", form, () -> {
            if (!me.isAdmin() && !me.festivals().isEmpty()) {
                throw ApiException.forbidden("an organiser scoped to festivals cannot create new ones");
            }
            String cutover = orDefault(form.get("dayCutover"), "06:00");
            if (!CUTOVER.matcher(cutover).matches()) {
                throw new FormInput.Refused("bo.input.cutover");
            }
            String currency = orDefault(form.get("currency"), "EUR").toUpperCase(Locale.ROOT);
            if (!CURRENCY.matcher(currency).matches()) {
                throw new FormInput.Refused("bo.input.currency");
            }
            Festival created = setup.create(
                    new FestivalSetup.NewFestival(
                            FormInput.text(form.get("name"), "bo.field.name", 200),
                            date(form.get("startDate"), "bo.field.startDate"),
                            date(form.get("endDate"), "bo.field.endDate"),
                            FormInput.text(form.get("venue"), "bo.field.venue", 200),
                            currency,
                            timeZone(orDefault(form.get("timeZone"), "UTC")),
                            cutover,
                            allowance(form.get("offlineAllowance"))),
                    me);
            return created.id() + "&done=festivalCreated";
        });
    }

    @PostMapping("/admin/setup/festival")
    String updateFestival(
            @RequestParam("festival") UUID festivalId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return change(festivalId, "settings", form, model, response, me -> {
            Festival.Status status;
            try {
                status = Festival.Status.valueOf(orDefault(form.get("status"), ""));
            } catch (IllegalArgumentException e) {
                throw new FormInput.Refused("bo.input.status");
            }
            setup.update(
                    festivalId,
                    new FestivalSetup.FestivalChanges(
                            FormInput.text(form.get("name"), "bo.field.name", 200),
                            date(form.get("startDate"), "bo.field.startDate"),
                            date(form.get("endDate"), "bo.field.endDate"),
                            FormInput.text(form.get("venue"), "bo.field.venue", 200),
                            status,
                            null,
                            null,
                            allowance(form.get("offlineAllowance"))),
                    me);
            return festivalId + "&done=festivalUpdated";
        });
    }

    @PostMapping("/admin/setup/zones")
    String addZone(
            @RequestParam("festival") UUID festivalId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return change(festivalId, "zone", form, model, response, me -> {
            String kind = orDefault(form.get("kind"), "");
            if (!ZONE_KINDS.contains(kind)) {
                throw new FormInput.Refused("bo.input.choose", "bo.field.kind");
            }
            String capacity = form.get("capacity");
            Integer cap = capacity == null || capacity.isBlank()
                    ? null
                    : FormInput.whole(capacity, "bo.capacity", 1, 10_000_000);
            setup.addZone(
                    festivalId, FormInput.text(form.get("name"), "bo.field.name", 100), kind, cap, zoneRules(form), me);
            return festivalId + "&done=zoneAdded";
        });
    }

    /** Changes a zone's re-entry rule and offline share; edges apply them at their next config poll. */
    @PostMapping("/admin/setup/zone-rules")
    String setZoneRules(
            @RequestParam("festival") UUID festivalId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return change(festivalId, "zoneRules", form, model, response, me -> {
            setup.setZoneRules(festivalId, FormInput.id(form.get("zone"), "bo.zone"), zoneRules(form), me);
            return festivalId + "&done=zoneRulesSet";
        });
    }

    /** The re-entry rule, cool-down and offline share of a zone form; blank = the default. */
    private static Zone.Rules zoneRules(Map<String, String> form) {
        String reentry = orDefault(form.get("reentry"), "NONE");
        if (!REENTRY_RULES.contains(reentry)) {
            throw new FormInput.Refused("bo.input.choose", "bo.setup.reentry");
        }
        String coolDown = form.get("reentryCooldown");
        String share = form.get("offlineShare");
        return new Zone.Rules(
                Zone.Reentry.valueOf(reentry),
                coolDown == null || coolDown.isBlank()
                        ? 0
                        : FormInput.whole(coolDown, "bo.setup.reentryCooldown", 0, Zone.MAX_COOLDOWN_SECONDS),
                share == null || share.isBlank() ? null : FormInput.whole(share, "bo.setup.offlineShare", 0, 100));
    }

    @PostMapping("/admin/setup/gates")
    String addGate(
            @RequestParam("festival") UUID festivalId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return change(festivalId, "gate", form, model, response, me -> {
            setup.addGate(
                    festivalId,
                    FormInput.id(form.get("zone"), "bo.zone"),
                    FormInput.text(form.get("name"), "bo.field.name", 100),
                    me);
            return festivalId + "&done=gateAdded";
        });
    }

    @PostMapping("/admin/setup/points-of-sale")
    String addPointOfSale(
            @RequestParam("festival") UUID festivalId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return change(festivalId, "pos", form, model, response, me -> {
            PointOfSale.Kind kind;
            try {
                kind = PointOfSale.Kind.valueOf(orDefault(form.get("kind"), ""));
            } catch (IllegalArgumentException e) {
                throw new FormInput.Refused("bo.input.choose", "bo.field.kind");
            }
            setup.addPointOfSale(
                    festivalId,
                    FormInput.id(form.get("zone"), "bo.zone"),
                    FormInput.text(form.get("name"), "bo.field.name", 100),
                    kind,
                    me);
            return festivalId + "&done=posAdded";
        });
    }

    @PostMapping("/admin/setup/points-of-sale/{posId}/products")
    String setProducts(
            @PathVariable("posId") UUID posId,
            @RequestParam("festival") UUID festivalId,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return change(festivalId, "products-" + posId, form, model, response, me -> {
            setup.setProducts(festivalId, posId, products(form.get("products")), me);
            return festivalId + "&done=productsSet";
        });
    }

    @PostMapping("/admin/setup/ticket-types")
    String addTicketType(
            @RequestParam("festival") UUID festivalId,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "zones", required = false) List<UUID> zones,
            Model model,
            HttpServletResponse response) {
        return change(festivalId, "ticketType", form, model, response, me -> {
            Festival festival = festivals.requireStaffAccess(festivalId, me);
            ticketTypes.create(
                    festivalId,
                    new TicketTypes.NewTicketType(
                            FormInput.text(form.get("name"), "bo.field.name", 100),
                            FormInput.cents(form.get("price"), "bo.tickets.price", false),
                            festival.currency(),
                            FormInput.whole(form.get("quota"), "bo.field.quota", 1, 10_000_000),
                            FormInput.whole(form.get("validDays"), "bo.field.validDays", 1, 32),
                            zones == null ? List.of() : zones),
                    me);
            return festivalId + "&done=ticketTypeAdded";
        });
    }

    /** What a form changes, by the user {@code me}; answers {@code <festival id>&done=<message key>}. */
    @FunctionalInterface
    private interface Change {
        String apply(CurrentUser me);
    }

    /**
     * A change to the festival {@code festivalId} by a set-up user of its scope (a festival outside
     * it answers 404, not the form), through {@link #attempt}.
     */
    private String change(
            UUID festivalId,
            String formId,
            Map<String, String> form,
            Model model,
            HttpServletResponse response,
            Change change) {
        CurrentUser me = scope(festivalId);
        return attempt(model, response, festivalId, formId, form, () -> change.apply(me));
    }

    /**
     * The one way a set-up form ends: on success back to the page (a redirect, so a reload sends
     * nothing twice); on a refusal (a typed value, a service's rule) the page again with the
     * message, the refusal's status, the form marked and its typed values, nothing changed.
     */
    private String attempt(
            Model model,
            HttpServletResponse response,
            UUID festivalId,
            String formId,
            Map<String, String> form,
            Supplier<String> change) {
        try {
            return "redirect:/admin/setup?festival=" + change.get();
        } catch (FormInput.Refused | ApiException | IllegalArgumentException e) {
            messages.refused(model, e, response);
            model.addAttribute("failed", formId);
            model.addAttribute("form", form);
            return render(model, festivalId);
        }
    }

    private String render(Model model, UUID festivalId) {
        CurrentUser me = Section.SETUP.require();
        model.addAttribute("section", Section.SETUP);
        model.addAttribute("zoneKinds", ZONE_KINDS);
        model.addAttribute("reentryRules", REENTRY_RULES);
        model.addAttribute("posKinds", PointOfSale.Kind.values());
        model.addAttribute("statuses", Festival.Status.values());
        model.addAttribute("canCreate", me.isAdmin() || me.festivals().isEmpty());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
            model.addAttribute("failed", "");
        }
        Festival festival = choice.choose(model, me, festivalId);
        if (festival == null) {
            return "backoffice/setup";
        }
        var zones = festivals.zones(festival.id());
        Map<UUID, String> zoneNames = new HashMap<>();
        zones.forEach(z -> zoneNames.put(z.id(), z.name()));
        model.addAttribute("zones", zones);
        model.addAttribute("zoneNames", zoneNames);
        model.addAttribute("gates", setup.gates(festival.id()));
        List<PointOfSale> points = festivals.pointsOfSale(festival.id());
        model.addAttribute("points", points);
        Map<UUID, String> priceLists = new HashMap<>();
        for (PointOfSale p : points) {
            priceLists.put(
                    p.id(),
                    String.join(
                            "\n",
                            p.products().stream()
                                    .map(pr -> pr.code() + "; " + pr.name() + "; " + format.decimal(pr.priceCents())
                                            + "; " + pr.category())
                                    .toList()));
        }
        model.addAttribute("priceLists", priceLists);
        var types = ticketTypes.ofFestival(festival.id());
        model.addAttribute("ticketTypes", types);
        Map<UUID, String> typeZones = new HashMap<>();
        for (var t : types) {
            typeZones.put(
                    t.id(),
                    t.zoneIds().isEmpty()
                            ? "—"
                            : String.join(
                                    ", ",
                                    t.zoneIds().stream()
                                            .map(z -> zoneNames.getOrDefault(z, "?"))
                                            .toList()));
        }
        model.addAttribute("ticketTypeZones", typeZones);
        return "backoffice/setup";
    }

    private CurrentUser scope(UUID festivalId) {
        CurrentUser me = Section.SETUP.require();
        festivals.requireStaffAccess(festivalId, me);
        return me;
    }

    /** A price list typed one product a line: {@code code; name; price; category}. */
    static List<PointOfSale.Product> products(String text) {
        List<PointOfSale.Product> products = new ArrayList<>();
        if (text == null) {
            return products;
        }
        int lineNo = 0;
        for (String line : text.split("\\R")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(";");
            if (parts.length != 4) {
                throw new FormInput.Refused("bo.input.productLine", lineNo);
            }
            String code = parts[0].strip();
            if (!CODE.matcher(code).matches()) {
                throw new FormInput.Refused("bo.input.productCode", lineNo);
            }
            String name = parts[1].strip();
            String category = parts[3].strip();
            if (name.isEmpty() || name.length() > 100 || category.isEmpty() || category.length() > 32) {
                throw new FormInput.Refused("bo.input.productLine", lineNo);
            }
            long cents;
            try {
                cents = FormInput.cents(parts[2], "bo.tickets.price", false);
            } catch (FormInput.Refused e) {
                throw new FormInput.Refused("bo.input.productPrice", lineNo);
            }
            if (cents > 10_000_000) {
                throw new FormInput.Refused("bo.input.productPrice", lineNo);
            }
            products.add(new PointOfSale.Product(code, name, cents, category));
        }
        if (products.size() > 500) {
            throw new FormInput.Refused("bo.input.tooMany", 500);
        }
        return products;
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new FormInput.Refused("bo.input.required", field);
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeException e) {
            throw new FormInput.Refused("bo.input.date", field);
        }
    }

    private static String timeZone(String text) {
        try {
            return ZoneId.of(text.strip()).getId();
        } catch (DateTimeException e) {
            throw new FormInput.Refused("bo.input.timeZone");
        }
    }

    private static long allowance(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        long cents = FormInput.cents(text, "bo.field.offlineAllowance", false);
        if (cents > MAX_OFFLINE_ALLOWANCE_CENTS) {
            throw new FormInput.Refused("bo.input.amount", "bo.field.offlineAllowance");
        }
        return cents;
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }
}
