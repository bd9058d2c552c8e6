package io.fcs.central.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * The web pages' login: the same access and refresh tokens as the API, kept in two HttpOnly,
 * SameSite=Lax cookies instead of an Authorization header (decision 0130). An expired access
 * cookie is renewed from the refresh cookie on the next request; because a browser sends several
 * requests at once with the same refresh cookie, a rotation is remembered for a short grace
 * period and handed to the others, so parallel requests do not trip the reuse detection.
 */
@Component
public class BrowserSession {

    static final String ACCESS_COOKIE = "fcs_access";
    static final String REFRESH_COOKIE = "fcs_refresh";
    static final String RENEWED_ACCESS = BrowserSession.class.getName() + ".renewed";
    private static final Duration ROTATION_GRACE = Duration.ofSeconds(30);

    private final Authenticator authenticator;
    private final TokenService tokens;
    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Rotation> recentRotations = new ConcurrentHashMap<>();

    private record Rotation(TokenService.TokenPair tokens, Instant at) {}

    BrowserSession(Authenticator authenticator, TokenService tokens, JwtDecoder decoder, Clock clock) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.decoder = decoder;
        this.clock = clock;
    }

    /** Signs a user in on this browser (e.g. right after registration). */
    public void start(UserAccount user, HttpServletRequest request, HttpServletResponse response) {
        write(
                request,
                response,
                new TokenService.TokenPair(
                        tokens.accessToken(user),
                        tokens.newRefreshToken(user.id(), null),
                        "Bearer",
                        tokens.accessTokenSeconds()));
    }

    /** Ends the login of this browser: the refresh family is revoked and the cookies cleared. */
    public void end(HttpServletRequest request, HttpServletResponse response) {
        cookie(request, REFRESH_COOKIE).ifPresent(authenticator::signOut);
        clear(request, response);
    }

    void write(HttpServletRequest request, HttpServletResponse response, TokenService.TokenPair pair) {
        boolean secure = request.isSecure();
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(ACCESS_COOKIE, pair.accessToken(), pair.expiresIn(), secure)
                        .toString());
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(REFRESH_COOKIE, pair.refreshToken(), tokens.refreshTokenSeconds(), secure)
                        .toString());
    }

    void clear(HttpServletRequest request, HttpServletResponse response) {
        boolean secure = request.isSecure();
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(ACCESS_COOKIE, "", 0, secure).toString());
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(REFRESH_COOKIE, "", 0, secure).toString());
    }

    /**
     * The access token this request authenticates with: the cookie's when still valid, else a
     * new one from the refresh cookie (written back to the browser), else none.
     */
    Optional<String> accessToken(HttpServletRequest request, HttpServletResponse response) {
        Object renewed = request.getAttribute(RENEWED_ACCESS);
        if (renewed instanceof String token) {
            return Optional.of(token);
        }
        Optional<String> access = cookie(request, ACCESS_COOKIE).filter(this::valid);
        if (access.isPresent()) {
            return access;
        }
        Optional<String> refresh = cookie(request, REFRESH_COOKIE);
        if (refresh.isEmpty()) {
            return Optional.empty();
        }
        Optional<TokenService.TokenPair> pair = renew(refresh.get());
        if (pair.isEmpty()) {
            clear(request, response);
            return Optional.empty();
        }
        write(request, response, pair.get());
        request.setAttribute(RENEWED_ACCESS, pair.get().accessToken());
        return Optional.of(pair.get().accessToken());
    }

    private Optional<TokenService.TokenPair> renew(String refreshToken) {
        Instant now = clock.instant();
        recentRotations.values().removeIf(r -> r.at().isBefore(now.minus(ROTATION_GRACE)));
        Rotation rotation = recentRotations.compute(
                TokenService.hash(refreshToken), (key, recent) -> recent != null ? recent : rotate(refreshToken, now));
        return Optional.ofNullable(rotation).map(Rotation::tokens);
    }

    private Rotation rotate(String refreshToken, Instant now) {
        return switch (authenticator.refresh(refreshToken)) {
            case Authenticator.RefreshOutcome.Refused refused -> null;
            case Authenticator.RefreshOutcome.Refreshed refreshed -> new Rotation(refreshed.tokens(), now);
        };
    }

    private boolean valid(String token) {
        try {
            decoder.decode(token);
            return true;
        } catch (JwtException e) {
            return false;
        }
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(c -> c.getName().equals(name) && !c.getValue().isBlank())
                .map(Cookie::getValue)
                .findFirst();
    }

    private static ResponseCookie cookie(String name, String value, long maxAgeSeconds, boolean secure) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAgeSeconds)
                .build();
    }
}
