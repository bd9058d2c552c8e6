package io.fcs.central.auth;

import io.fcs.central.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login, refresh and the caller's own account (API.md, seed). */
@RestController
@Tag(name = "auth")
class AuthController {

    private final UserAccounts users;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final String dummyHash;

    AuthController(UserAccounts users, TokenService tokens, LoginThrottle throttle, PasswordEncoder passwords) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("timing-equaliser-" + UUID.randomUUID());
    }

    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 8, max = 72) String password,
            @NotBlank @Size(max = 100) String name) {}

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 200) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {}

    @PostMapping("/auth/register")
    ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request) {
        UserAccount user =
                users.create(request.email(), request.password(), request.name(), Set.of(Role.ATTENDEE), Set.of());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user));
    }

    @PostMapping("/auth/login")
    TokenService.TokenPair login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        String client = http.getRemoteAddr();
        long retryAfter = throttle.retryAfterSeconds(request.email(), client);
        if (retryAfter > 0) {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    "too many failed logins; try again later",
                    Map.of("retryAfterSeconds", retryAfter));
        }
        var credentials = users.credentials(request.email());
        boolean matches = passwords.matches(
                request.password(),
                credentials.map(UserAccounts.Credentials::passwordHash).orElse(dummyHash));
        if (credentials.isEmpty() || !matches || credentials.get().status() == UserAccount.Status.ERASED) {
            throttle.failed(request.email(), client);
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "wrong e-mail or password");
        }
        if (credentials.get().status() != UserAccount.Status.ACTIVE) {
            throw new ApiException(HttpStatus.FORBIDDEN, "account_disabled", "this account is disabled");
        }
        throttle.succeeded(request.email(), client);
        UserAccount user = users.require(credentials.get().id());
        return new TokenService.TokenPair(
                tokens.accessToken(user),
                tokens.newRefreshToken(user.id(), null),
                "Bearer",
                tokens.accessTokenSeconds());
    }

    @PostMapping("/auth/refresh")
    TokenService.TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        return switch (tokens.spend(request.refreshToken())) {
            case TokenService.RefreshOutcome.Refused refused ->
                throw new ApiException(HttpStatus.UNAUTHORIZED, refused.code(), refused.detail());
            case TokenService.RefreshOutcome.Refreshed refreshed -> {
                UserAccount user = users.require(refreshed.userId());
                if (user.status() != UserAccount.Status.ACTIVE) {
                    tokens.revokeFamily(refreshed.familyId());
                    throw new ApiException(HttpStatus.UNAUTHORIZED, "account_disabled", "this account is disabled");
                }
                yield new TokenService.TokenPair(
                        tokens.accessToken(user),
                        tokens.newRefreshToken(user.id(), refreshed.familyId()),
                        "Bearer",
                        tokens.accessTokenSeconds());
            }
        };
    }

    @GetMapping("/auth/me")
    @PreAuthorize("isAuthenticated()")
    UserView me() {
        return UserView.of(users.require(CurrentUser.require().id()));
    }
}
