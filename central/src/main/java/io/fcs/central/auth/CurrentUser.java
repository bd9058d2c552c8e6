package io.fcs.central.auth;

import io.fcs.central.web.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller of the current request, from its access token: user id, e-mail, roles and the
 * festivals a staff user is scoped to.
 *
 * <p>Festival scope: {@code ADMIN} sees every festival. Another staff user with an empty scope is
 * a global staff member (e.g. an organiser of the company); with a non-empty scope only those
 * festivals. An {@code ATTENDEE} reaches festival data only through the public (published)
 * views, which check that themselves.
 */
public record CurrentUser(UUID id, String email, Set<Role> roles, Set<UUID> festivals) {

    public CurrentUser {
        roles = Set.copyOf(roles);
        festivals = Set.copyOf(festivals);
    }

    /** The authenticated caller; 401 {@code unauthorized} when there is none. */
    public static CurrentUser require() {
        return current()
                .orElseThrow(
                        () -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "authentication required"));
    }

    public static Optional<CurrentUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof JwtAuthenticationToken token) {
            return Optional.of(fromJwt(token.getToken()));
        }
        return Optional.empty();
    }

    static CurrentUser fromJwt(Jwt jwt) {
        return new CurrentUser(
                UUID.fromString(jwt.getSubject()),
                jwt.getClaimAsString("email"),
                strings(jwt.getClaimAsStringList("roles")).stream()
                        .map(Role::valueOf)
                        .collect(Collectors.toSet()),
                strings(jwt.getClaimAsStringList("festivals")).stream()
                        .map(UUID::fromString)
                        .collect(Collectors.toSet()));
    }

    private static Collection<String> strings(List<String> list) {
        return list == null ? List.of() : list;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role r : wanted) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean isStaff() {
        return roles.stream().anyMatch(Role::isStaff);
    }

    /** Whether this caller may act as staff for the festival (see the class comment). */
    public boolean canStaff(UUID festivalId) {
        if (isAdmin()) {
            return true;
        }
        return isStaff() && (festivals.isEmpty() || festivals.contains(festivalId));
    }

    /**
     * Refuses staff access to a festival outside the caller's scope with 404 {@code not_found}, so
     * a scoped user cannot even learn that another festival exists.
     */
    public void requireFestival(UUID festivalId) {
        if (!canStaff(festivalId)) {
            throw ApiException.notFound("festival");
        }
    }
}
