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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registration, login, refresh and the caller's own account (API.md, seed). */
@RestController
@Tag(name = "auth")
class AuthController {

    private final UserAccounts users;
    private final Authenticator authenticator;

    AuthController(UserAccounts users, Authenticator authenticator) {
        this.users = users;
        this.authenticator = authenticator;
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
        return switch (authenticator.login(request.email(), request.password(), http.getRemoteAddr())) {
            case Authenticator.LoginOutcome.SignedIn signedIn -> signedIn.tokens();
            case Authenticator.LoginOutcome.Throttled throttled ->
                throw new ApiException(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too_many_attempts",
                        "too many failed logins; try again later",
                        Map.of("retryAfterSeconds", throttled.retryAfterSeconds()));
            case Authenticator.LoginOutcome.InvalidCredentials invalid ->
                throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "wrong e-mail or password");
            case Authenticator.LoginOutcome.Disabled disabled ->
                throw new ApiException(HttpStatus.FORBIDDEN, "account_disabled", "this account is disabled");
        };
    }

    @PostMapping("/auth/refresh")
    TokenService.TokenPair refresh(@Valid @RequestBody RefreshRequest request) {
        return switch (authenticator.refresh(request.refreshToken())) {
            case Authenticator.RefreshOutcome.Refreshed refreshed -> refreshed.tokens();
            case Authenticator.RefreshOutcome.Refused refused ->
                throw new ApiException(HttpStatus.UNAUTHORIZED, refused.code(), refused.detail());
        };
    }

    @GetMapping("/auth/me")
    @PreAuthorize("isAuthenticated()")
    UserView me() {
        return UserView.of(users.require(CurrentUser.require().id()));
    }
}
