package io.fcs.central.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Finds the access token of a web page request in its cookies (renewing it from the refresh
 * cookie when it has expired) and leaves it where the bearer-token authentication reads it.
 */
final class BrowserSessionFilter extends OncePerRequestFilter {

    private static final String ACCESS_TOKEN = BrowserSessionFilter.class.getName() + ".accessToken";

    private final BrowserSession session;

    BrowserSessionFilter(BrowserSession session) {
        this.session = session;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        session.accessToken(request, response).ifPresent(token -> request.setAttribute(ACCESS_TOKEN, token));
        chain.doFilter(request, response);
    }

    static String accessToken(HttpServletRequest request) {
        return request.getAttribute(ACCESS_TOKEN) instanceof String token ? token : null;
    }
}
