package io.fcs.central.auth;

import io.fcs.central.config.CentralProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security: HS256 access tokens signed by central, roles from the
 * {@code roles} claim as {@code ROLE_*} authorities, method security for per-endpoint rules.
 * Open without a token: register/login/refresh, the payment webhook (HMAC-signed), the edge
 * sync API (records are signed by terminals), public ticket keys, health, metrics and API docs.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable())
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

    @Bean
    JwtDecoder jwtDecoder(JwtKeys keys, CentralProperties properties, BlockedUsers blockedUsers) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(keys.key())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(java.time.Duration.ZERO),
                new JwtIssuerValidator(properties.jwt().issuer()),
                blockedUsers));
        return decoder;
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
