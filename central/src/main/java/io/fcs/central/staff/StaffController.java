package io.fcs.central.staff;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.Role;
import io.fcs.central.auth.UserAccount;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.auth.UserView;
import io.fcs.central.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff management: ADMIN manages everyone; an ORGANISER creates and manages operational staff
 * (FINANCE, BAR_STAFF, CASHIER, GATE_SECURITY) within its own festival scope, never ADMINs or
 * other organisers. Disabling ends the user's refresh tokens (access tokens expire within their
 * short lifetime).
 */
@RestController
@Tag(name = "staff")
@PreAuthorize("hasAnyRole('ADMIN','ORGANISER')")
class StaffController {

    private static final Set<Role> ORGANISER_GRANTS =
            EnumSet.of(Role.FINANCE, Role.BAR_STAFF, Role.CASHIER, Role.GATE_SECURITY);

    private final UserAccounts users;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    StaffController(UserAccounts users, AuditLog audit, JdbcClient jdbc) {
        this.users = users;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    record CreateStaff(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(min = 8, max = 72) String password,
            @NotEmpty @Size(max = 7) Set<@NotNull Role> roles,
            @Size(max = 100) Set<@NotNull UUID> festivals) {}

    record RolesRequest(
            @NotEmpty @Size(max = 7) Set<@NotNull Role> roles,
            @Size(max = 100) Set<@NotNull UUID> festivals) {}

    @PostMapping("/admin/staff")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    UserView create(@Valid @RequestBody CreateStaff request) {
        Set<UUID> festivals = request.festivals() == null ? Set.of() : request.festivals();
        checkGrant(CurrentUser.require(), request.roles(), festivals);
        UserAccount user =
                users.create(request.email(), request.password(), request.name(), request.roles(), festivals);
        audit.record(
                "staff.created",
                null,
                user.id().toString(),
                Map.of("roles", request.roles().toString(), "festivals", festivals.toString()));
        return UserView.of(user);
    }

    @GetMapping("/admin/staff")
    List<UserView> list() {
        CurrentUser caller = CurrentUser.require();
        return users.staff().stream()
                .filter(u -> caller.isAdmin() || visibleTo(caller, u))
                .map(UserView::of)
                .toList();
    }

    @PutMapping("/admin/staff/{userId}/roles")
    @Transactional
    UserView setRoles(@PathVariable UUID userId, @Valid @RequestBody RolesRequest request) {
        CurrentUser caller = CurrentUser.require();
        UserAccount target = manageable(caller, userId);
        Set<UUID> festivals = request.festivals() == null ? Set.of() : request.festivals();
        checkGrant(caller, request.roles(), festivals);
        UserAccount updated = users.setRoles(target.id(), request.roles(), festivals);
        users.revokeAllRefreshTokens(target.id());
        audit.record(
                "staff.roles_set",
                null,
                userId.toString(),
                Map.of("roles", request.roles().toString(), "festivals", festivals.toString()));
        return UserView.of(updated);
    }

    @PostMapping("/admin/users/{userId}/disable")
    @Transactional
    UserView disable(@PathVariable UUID userId) {
        CurrentUser caller = CurrentUser.require();
        if (caller.id().equals(userId)) {
            throw ApiException.conflict("cannot_disable_self", "you cannot disable your own account");
        }
        manageable(caller, userId);
        UserAccount user = users.setStatus(userId, UserAccount.Status.DISABLED);
        audit.record("user.disabled", null, userId.toString(), Map.of());
        return UserView.of(user);
    }

    @PostMapping("/admin/users/{userId}/enable")
    @Transactional
    UserView enable(@PathVariable UUID userId) {
        manageable(CurrentUser.require(), userId);
        UserAccount user = users.setStatus(userId, UserAccount.Status.ACTIVE);
        audit.record("user.enabled", null, userId.toString(), Map.of());
        return UserView.of(user);
    }

    private UserAccount manageable(CurrentUser caller, UUID userId) {
        UserAccount target = users.find(userId).orElseThrow(() -> ApiException.notFound("user"));
        if (caller.isAdmin()) {
            return target;
        }
        boolean operational =
                ORGANISER_GRANTS.containsAll(target.roles()) || target.roles().equals(Set.of(Role.ATTENDEE));
        if (!operational || !visibleTo(caller, target)) {
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

    private void checkGrant(CurrentUser caller, Set<Role> roles, Set<UUID> festivals) {
        for (UUID festival : festivals) {
            boolean exists = jdbc.sql("select count(*) from festival where id = ?")
                            .param(festival)
                            .query(Integer.class)
                            .single()
                    > 0;
            if (!exists || !caller.canStaff(festival)) {
                throw ApiException.notFound("festival " + festival);
            }
        }
        if (caller.isAdmin()) {
            return;
        }
        if (!ORGANISER_GRANTS.containsAll(roles)) {
            throw ApiException.forbidden("an organiser grants only FINANCE, BAR_STAFF, CASHIER and GATE_SECURITY");
        }
        if (!caller.festivals().isEmpty() && festivals.isEmpty()) {
            throw ApiException.forbidden("an organiser scoped to festivals must scope the staff it creates");
        }
    }
}
