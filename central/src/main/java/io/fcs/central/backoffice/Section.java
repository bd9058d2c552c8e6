package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.Role;
import io.fcs.central.web.ApiException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The back-office's sections, their paths and the roles that may open them (decision 0200). The
 * navigation shows a section only to those roles; its pages refuse everyone else with 403.
 */
enum Section {
    DASHBOARD("/admin/dashboard", Role.ADMIN, Role.ORGANISER, Role.FINANCE),
    SETUP("/admin/setup", Role.ADMIN, Role.ORGANISER),
    TICKETS("/admin/ticket-desk", Role.ADMIN, Role.ORGANISER),
    PEOPLE("/admin/people", Role.ADMIN, Role.ORGANISER),
    ACCESS("/admin/access", Role.ADMIN, Role.ORGANISER),
    FLEET("/admin/fleet", Role.ADMIN, Role.ORGANISER),
    MONEY("/admin/money", Role.ADMIN, Role.FINANCE),
    AUDIT("/admin/audit-log", Role.ADMIN, Role.FINANCE);

    private final String path;
    private final Set<Role> roles;

    Section(String path, Role... roles) {
        this.path = path;
        this.roles = EnumSet.copyOf(Arrays.asList(roles));
    }

    public String path() {
        return path;
    }

    /** Message key of the section's name. */
    public String label() {
        return "bo.nav." + name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean allows(CurrentUser user) {
        return user.roles().stream().anyMatch(roles::contains);
    }

    /** The caller, if its role opens this section; 403 {@code forbidden} otherwise. */
    CurrentUser require() {
        CurrentUser user = CurrentUser.require();
        if (!allows(user)) {
            throw ApiException.forbidden(
                    "your role does not open the " + name().toLowerCase(java.util.Locale.ROOT) + " pages");
        }
        return user;
    }

    static List<Section> openTo(CurrentUser user) {
        return Arrays.stream(values()).filter(s -> s.allows(user)).toList();
    }
}
