package io.fcs.central.auth;

import io.fcs.central.config.CentralProperties;
import io.fcs.central.web.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Two filter chains: the API ({@link ApiPaths}) and the web pages. The API is stateless
 * bearer-token security: HS256 access tokens signed by central, roles from the
 * {@code roles} claim as {@code ROLE_*} authorities, method security for per-endpoint rules.
 * Open without a token: register/login/refresh, the payment webhook (HMAC-signed), the edge
 * sync API (records are signed by terminals), public ticket keys, health, metrics and API docs.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher(ApiPaths::isApi)
                .csrf(c -> c.disable())
                .cors(c -> {})
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers(
                                HttpMethod.POST, "/auth/register", "/auth/login", "/auth/refresh")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/payments/webhook")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/festivals/*/ticket-keys")
                        .permitAll()
                        .requestMatchers("/sync/**")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(jwtAuthenticationConverter()))
                        .authenticationEntryPoint((request, response, e) ->
                                write(response, 401, "unauthorized", "missing, invalid or expired access token"))
                        .accessDeniedHandler((request, response, e) ->
                                write(response, 403, "forbidden", "your role does not allow this")))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                                write(response, 401, "unauthorized", "authentication required"))
                        .accessDeniedHandler((request, response, ex) ->
                                write(response, 403, "forbidden", "your role does not allow this")));
        return http.build();
    }

    /**
     * The web pages (back-office under {@code /admin}, portal at {@code /}): the same tokens as
     * the API, carried in HttpOnly cookies ({@link BrowserSession}), so CSRF protection is on;
     * a missing or expired login sends the browser to the sign-in page.
     */
    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, BrowserSession session) throws Exception {
        // The CSRF token is kept for the browser, not replaced at each request's bearer authentication:
        // pages authenticate every request (sub-resources and htmx polls too), and a replaced token
        // would make the forms already on screen fail (decision 0212).
        http.csrf(c -> c.csrfTokenRepository(new CookieCsrfTokenRepository())
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BrowserSessionFilter(session), BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        .requestMatchers("/admin", "/admin/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.ORGANISER.name(), Role.FINANCE.name())
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(jwtAuthenticationConverter()))
                        .bearerTokenResolver(BrowserSessionFilter::accessToken)
                        .authenticationEntryPoint(SecurityConfig::toSignIn))
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::toSignIn));
        return http.build();
    }

    /** Pages anyone may see without signing in. */
    static final String[] PUBLIC_PAGES = {
        "/",
        "/sign-in",
        "/sign-up",
        "/programme",
        "/programme/**",
        "/map",
        "/map/**",
        "/support",
        "/support/**",
        "/offline",
        "/css/**",
        "/js/**",
        "/img/**",
        "/portal/**",
        "/webjars/**",
        "/manifest.webmanifest",
        "/sw.js",
        "/favicon.ico",
        "/error"
    };

    /**
     * Sends a browser to the sign-in page, back to where it was going afterwards; a client that
     * does not ask for HTML gets the API's 401 problem instead of a redirect.
     */
    static void toSignIn(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String accept = request.getHeader("Accept");
        boolean browser = accept != null && accept.contains("text/html") || request.getHeader("HX-Request") != null;
        if (!browser) {
            write(response, 401, "unauthorized", "authentication required");
            return;
        }
        String target = request.getRequestURI();
        if (request.getQueryString() != null) {
            target += "?" + request.getQueryString();
        }
        String location = "/sign-in?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        if (request.getHeader("HX-Request") != null) {
            response.setStatus(401);
            response.setHeader("HX-Redirect", location);
            return;
        }
        response.sendRedirect(location);
    }

    static void write(HttpServletResponse response, int status, String code, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        String title = status == 401 ? "Unauthorized" : "Forbidden";
        response.getWriter()
                .write("{\"type\":\"https://fcs.io/problems/" + code + "\",\"title\":\"" + title + "\",\"status\":"
                        + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}");
    }

    static JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> roles = jwt.getClaimAsStringList("roles");
            Collection<GrantedAuthority> authorities = new java.util.ArrayList<>();
            if (roles != null) {
                for (String role : roles) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
                }
            }
            return authorities;
        });
        return converter;
    }

    /** Verified access tokens kept in memory (decision 0149): one per signed-in client, about 1 KiB each. */
    static final int VERIFIED_TOKENS = 20_000;

    @Bean
    JwtDecoder jwtDecoder(JwtKeys keys, CentralProperties properties, BlockedUsers blockedUsers) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(keys.key())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(java.time.Duration.ZERO),
                new JwtIssuerValidator(properties.jwt().issuer()),
                blockedUsers);
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator, VERIFIED_TOKENS);
    }

    @Bean
    JwtEncoder jwtEncoder(JwtKeys keys) {
        return NimbusJwtEncoder.withSecretKey(keys.key())
                .algorithm(MacAlgorithm.HS256)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder(CentralProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }
}
