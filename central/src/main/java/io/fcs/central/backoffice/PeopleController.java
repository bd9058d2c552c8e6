package io.fcs.central.backoffice;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.Role;
import io.fcs.central.auth.UserAccount;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.FestivalSetup;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.PointOfSale;
import io.fcs.central.festival.Zone;
import io.fcs.central.ticketing.TicketType;
import io.fcs.central.ticketing.TicketTypes;
import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Users and staff (roles, festival scope, badges, disable/enable) and the access &amp; zones matrix
 * (which ticket type opens which zone; what each zone holds). The grant rules are the staff API's:
 * an organiser grants only operational roles and manages only operational staff of its festivals.
 */
@Controller
class PeopleController {

    static final Set<Role> ORGANISER_GRANTS =
            EnumSet.of(Role.FINANCE, Role.BAR_STAFF, Role.CASHIER, Role.GATE_SECURITY);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s]{1,63}");

    private final BackOfficeModel.FestivalChoice choice;
    private final UserAccounts users;
    private final Festivals festivals;
    private final FestivalSetup setup;
    private final TicketTypes ticketTypes;
    private final BackOfficeReads reads;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final PageMessages messages;

    PeopleController(
            BackOfficeModel.FestivalChoice choice,
            UserAccounts users,
            Festivals festivals,
            FestivalSetup setup,
            TicketTypes ticketTypes,
            BackOfficeReads reads,
            AuditLog audit,
            TransactionTemplate transactions,
            PageMessages messages) {
        this.choice = choice;
        this.users = users;
        this.festivals = festivals;
        this.setup = setup;
        this.ticketTypes = ticketTypes;
        this.reads = reads;
        this.audit = audit;
        this.transactions = transactions;
        this.messages = messages;
    }

    // --- users and staff -------------------------------------------------------------------

    @GetMapping("/admin/people")
    String people(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "done", required = false) String done,
            Model model) {
        messages.done(model, done);
        return renderPeople(model, festivalId);
    }

    @PostMapping("/admin/people")
    String create(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "roles", required = false) List<String> roleNames,
            @RequestParam(name = "scope", required = false) List<UUID> scope,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.PEOPLE.require();
        try {
            String email = FormInput.text(form.get("email"), "bo.field.email", 254);
            if (!EMAIL.matcher(email).matches()) {
                throw new FormInput.Refused("bo.input.email");
            }
            String name = FormInput.text(form.get("name"), "bo.field.name", 100);
            String password = form.get("password") == null ? "" : form.get("password");
            if (password.length() < 8 || password.length() > 72) {
                throw new FormInput.Refused("bo.input.password");
            }
            Set<Role> roles = roles(roleNames);
            Set<UUID> festivalsGranted = scope == null ? Set.of() : new LinkedHashSet<>(scope);
            checkGrant(me, roles, festivalsGranted);
            transactions.executeWithoutResult(status -> {
                UserAccount user = users.create(email, password, name, roles, festivalsGranted);
                audit.record(
                        "staff.created",
                        null,
                        user.id().toString(),
                        Map.of("roles", roles.toString(), "festivals", festivalsGranted.toString()));
            });
        } catch (FormInput.Refused | ApiException | IllegalArgumentException e) {
            messages.refused(model, e, response);
            model.addAttribute(
                    "form", Map.of("email", form.getOrDefault("email", ""), "name", form.getOrDefault("name", "")));
            return renderPeople(model, festivalId);
        }
        return "redirect:/admin/people" + festivalQuery(festivalId, "staffCreated");
    }

    @PostMapping("/admin/people/{userId}/roles")
    String setRoles(
            @PathVariable("userId") UUID userId,
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "roles", required = false) List<String> roleNames,
            @RequestParam(name = "scope", required = false) List<UUID> scope,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.PEOPLE.require();
        try {
            UserAccount target = manageable(me, userId);
            Set<Role> roles = roles(roleNames);
            Set<UUID> festivalsGranted = scope == null ? Set.of() : new LinkedHashSet<>(scope);
            checkGrant(me, roles, festivalsGranted);
            transactions.executeWithoutResult(status -> {
                users.setRoles(target.id(), roles, festivalsGranted);
                users.revokeAllRefreshTokens(target.id());
                audit.record(
                        "staff.roles_set",
                        null,
                        userId.toString(),
                        Map.of("roles", roles.toString(), "festivals", festivalsGranted.toString()));
            });
        } catch (FormInput.Refused | ApiException | IllegalArgumentException e) {
            messages.refused(model, e, response);
            return renderPeople(model, festivalId);
        }
        return "redirect:/admin/people" + festivalQuery(festivalId, "rolesSet");
    }

    @PostMapping("/admin/people/{userId}/status")
    String setStatus(
            @PathVariable("userId") UUID userId,
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "enabled", required = false) String enabled,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.PEOPLE.require();
        boolean enable = "true".equals(enabled);
        try {
            if (!enable && me.id().equals(userId)) {
                throw ApiException.conflict("cannot_disable_self", "you cannot disable your own account");
            }
            manageable(me, userId);
            transactions.executeWithoutResult(status -> {
                users.setStatus(userId, enable ? UserAccount.Status.ACTIVE : UserAccount.Status.DISABLED);
                if (!enable) {
                    users.revokeAllRefreshTokens(userId);
                }
                audit.record(enable ? "user.enabled" : "user.disabled", null, userId.toString(), Map.of());
            });
        } catch (ApiException e) {
            messages.refused(model, e, response);
            return renderPeople(model, festivalId);
        }
        return "redirect:/admin/people" + festivalQuery(festivalId, enable ? "enabled" : "disabled");
    }

    record Person(UserAccount user, List<String> badges, String festivalNames, boolean manageable) {}

    private String renderPeople(Model model, UUID festivalId) {
        CurrentUser me = Section.PEOPLE.require();
        model.addAttribute("section", Section.PEOPLE);
        choice.choose(model, me, festivalId);
        List<Festival> visible = choice.visible(me);
        Map<UUID, String> festivalNames = new HashMap<>();
        visible.forEach(f -> festivalNames.put(f.id(), f.name()));
        Map<UUID, List<String>> badges = reads.badges();
        List<Person> people = users.staff().stream()
                .filter(u -> me.isAdmin() || visibleTo(me, u))
                .map(u -> new Person(
                        u,
                        badges.getOrDefault(u.id(), List.of()),
                        u.festivals().isEmpty()
                                ? messages.text("bo.people.allFestivals")
                                : String.join(
                                        ", ",
                                        u.festivals().stream()
                                                .map(f -> festivalNames.getOrDefault(f, "…"))
                                                .sorted()
                                                .toList()),
                        isManageable(me, u)))
                .toList();
        model.addAttribute("people", people);
        model.addAttribute(
                "grantable",
                me.isAdmin()
                        ? List.of(
                                Role.ADMIN,
                                Role.ORGANISER,
                                Role.FINANCE,
                                Role.BAR_STAFF,
                                Role.CASHIER,
                                Role.GATE_SECURITY)
                        : List.copyOf(ORGANISER_GRANTS));
        model.addAttribute("scopes", visible);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        return "backoffice/people";
    }

    private static Set<Role> roles(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new FormInput.Refused("bo.input.roles");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            try {
                Role role = Role.valueOf(name);
                if (role == Role.ATTENDEE) {
                    throw new FormInput.Refused("bo.input.roles");
                }
                roles.add(role);
            } catch (IllegalArgumentException e) {
                throw new FormInput.Refused("bo.input.roles");
            }
        }
        return roles;
    }

    private boolean isManageable(CurrentUser me, UserAccount target) {
        if (me.isAdmin()) {
            return !me.id().equals(target.id());
        }
        return ORGANISER_GRANTS.containsAll(target.roles()) && visibleTo(me, target);
    }

    private UserAccount manageable(CurrentUser me, UUID userId) {
        UserAccount target = users.find(userId).orElseThrow(() -> ApiException.notFound("user"));
        if (me.isAdmin()) {
            return target;
        }
        if (!ORGANISER_GRANTS.containsAll(target.roles()) || !visibleTo(me, target)) {
            throw ApiException.notFound("user");
        }
        return target;
    }

    private static boolean visibleTo(CurrentUser caller, UserAccount user) {
        if (caller.festivals().isEmpty()) {
            return true;
        }
        Set<UUID> shared = new LinkedHashSet<>(user.festivals());
        shared.retainAll(caller.festivals());
        return !shared.isEmpty();
    }

    private void checkGrant(CurrentUser caller, Set<Role> roles, Set<UUID> scope) {
        for (UUID festival : scope) {
            if (festivals.find(festival).isEmpty() || !caller.canStaff(festival)) {
                throw ApiException.notFound("festival " + festival);
            }
        }
        if (caller.isAdmin()) {
            return;
        }
        if (!ORGANISER_GRANTS.containsAll(roles)) {
            throw ApiException.forbidden("an organiser grants only FINANCE, BAR_STAFF, CASHIER and GATE_SECURITY");
        }
        if (!caller.festivals().isEmpty() && scope.isEmpty()) {
            throw ApiException.forbidden("an organiser scoped to festivals must scope the staff it creates");
        }
    }

    private static String festivalQuery(UUID festivalId, String done) {
        return festivalId == null ? "?done=" + done : "?festival=" + festivalId + "&done=" + done;
    }

    // --- access & zones ----------------------------------------------------------------------

    record ZoneHolding(Zone zone, List<String> gates, List<String> points, long devices) {}

    @GetMapping("/admin/access")
    String access(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "done", required = false) String done,
            Model model) {
        messages.done(model, done);
        return renderAccess(model, festivalId);
    }

    @PostMapping("/admin/access/ticket-types/{ticketTypeId}")
    String setAccess(
            @PathVariable("ticketTypeId") UUID ticketTypeId,
            @RequestParam("festival") UUID festivalId,
            @RequestParam(name = "zones", required = false) List<UUID> zones,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.ACCESS.require();
        festivals.requireStaffAccess(festivalId, me);
        try {
            ticketTypes.setZones(festivalId, ticketTypeId, zones == null ? List.of() : zones, me);
        } catch (ApiException | IllegalArgumentException e) {
            messages.refused(model, e, response);
            return renderAccess(model, festivalId);
        }
        return "redirect:/admin/access?festival=" + festivalId + "&done=accessSet";
    }

    private String renderAccess(Model model, UUID festivalId) {
        CurrentUser me = Section.ACCESS.require();
        model.addAttribute("section", Section.ACCESS);
        Festival festival = choice.choose(model, me, festivalId);
        if (festival == null) {
            return "backoffice/access";
        }
        List<Zone> zones = festivals.zones(festival.id());
        List<TicketType> types = ticketTypes.ofFestival(festival.id());
        List<FestivalSetup.Gate> gates = setup.gates(festival.id());
        List<PointOfSale> points = festivals.pointsOfSale(festival.id());
        List<BackOfficeReads.DeviceState> devices = reads.devices(festival.id());
        model.addAttribute("zones", zones);
        model.addAttribute("types", types);
        model.addAttribute(
                "holdings",
                zones.stream()
                        .map(z -> new ZoneHolding(
                                z,
                                gates.stream()
                                        .filter(g -> g.zoneId().equals(z.id()))
                                        .map(FestivalSetup.Gate::name)
                                        .toList(),
                                points.stream()
                                        .filter(p -> p.zoneId().equals(z.id()))
                                        .map(PointOfSale::name)
                                        .toList(),
                                devices.stream()
                                        .filter(d -> z.id().equals(d.zoneId()))
                                        .count()))
                        .toList());
        return "backoffice/access";
    }
}
