package io.fcs.central.auth;

import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks e-mail and password and issues a token pair, for the API's {@code /auth/login} and the
 * web pages' sign-in alike: one throttle, one timing-equalised comparison, one set of outcomes.
 */
@Component
class Authenticator {

    private final UserAccounts users;
    private final TokenService tokens;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final String dummyHash;

    Authenticator(UserAccounts users, TokenService tokens, LoginThrottle throttle, PasswordEncoder passwords) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.passwords = passwords;
        this.dummyHash = passwords.encode("timing-equaliser-" + UUID.randomUUID());
    }

    sealed interface LoginOutcome {
        record SignedIn(UserAccount user, TokenService.TokenPair tokens) implements LoginOutcome {}

        record Throttled(long retryAfterSeconds) implements LoginOutcome {}

        record InvalidCredentials() implements LoginOutcome {}

        record Disabled() implements LoginOutcome {}
    }

    sealed interface RefreshOutcome {
        record Refreshed(UserAccount user, TokenService.TokenPair tokens) implements RefreshOutcome {}

        record Refused(String code, String detail) implements RefreshOutcome {}
    }

    LoginOutcome login(String email, String password, String clientAddress) {
        long retryAfter = throttle.retryAfterSeconds(email, clientAddress);
        if (retryAfter > 0) {
            return new LoginOutcome.Throttled(retryAfter);
        }
        var credentials = users.credentials(email);
        boolean matches = passwords.matches(
                password,
                credentials.map(UserAccounts.Credentials::passwordHash).orElse(dummyHash));
        if (credentials.isEmpty() || !matches || credentials.get().status() == UserAccount.Status.ERASED) {
            throttle.failed(email, clientAddress);
            return new LoginOutcome.InvalidCredentials();
        }
        if (credentials.get().status() != UserAccount.Status.ACTIVE) {
            return new LoginOutcome.Disabled();
        }
        throttle.succeeded(email, clientAddress);
        UserAccount user = users.require(credentials.get().id());
        return new LoginOutcome.SignedIn(user, pair(user, null));
    }

    /** Spends a refresh token for a new pair in the same family (rotation with reuse detection). */
    RefreshOutcome refresh(String refreshToken) {
        return switch (tokens.spend(refreshToken)) {
            case TokenService.RefreshOutcome.Refused refused ->
                new RefreshOutcome.Refused(refused.code(), refused.detail());
            case TokenService.RefreshOutcome.Refreshed refreshed -> {
                UserAccount user = users.require(refreshed.userId());
                if (user.status() != UserAccount.Status.ACTIVE) {
                    tokens.revokeFamily(refreshed.familyId());
                    yield new RefreshOutcome.Refused("account_disabled", "this account is disabled");
                }
                yield new RefreshOutcome.Refreshed(user, pair(user, refreshed.familyId()));
            }
        };
    }

    /** Ends the login a refresh token belongs to (sign-out); unknown tokens are ignored. */
    void signOut(String refreshToken) {
        tokens.familyOf(refreshToken).ifPresent(tokens::revokeFamily);
    }

    private TokenService.TokenPair pair(UserAccount user, UUID familyId) {
        return new TokenService.TokenPair(
                tokens.accessToken(user),
                tokens.newRefreshToken(user.id(), familyId),
                "Bearer",
                tokens.accessTokenSeconds());
    }
}
