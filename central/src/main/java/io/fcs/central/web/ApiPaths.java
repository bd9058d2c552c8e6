package io.fcs.central.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * Which requests are the JSON API (API.md: bearer tokens, problem details) and which are web
 * pages (back-office under {@code /admin}, attendee portal at {@code /}: cookies, CSRF, HTML
 * error pages). A request is the API when it carries an {@code Authorization} header or its path
 * lies under one of the API's prefixes; the back-office pages use {@code /admin} paths that the
 * API does not (decision 0130).
 */
public final class ApiPaths {

    private static final List<String> PREFIXES = List.of(
            "/auth",
            "/festivals",
            "/tickets",
            "/cashless",
            "/finance",
            "/sync",
            "/payments",
            "/me",
            "/admin/audit",
            "/admin/staff",
            "/admin/devices",
            "/admin/festivals",
            "/admin/users",
            "/admin/data-keys",
            "/actuator",
            "/v3/api-docs",
            "/swagger-ui",
            "/swagger-ui.html");

    private ApiPaths() {}

    public static boolean isApi(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || isApiPath(pathOf(request));
    }

    /** Whether the path (without the context path) lies under an API prefix, segment-wise. */
    public static boolean isApiPath(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
