package io.fcs.central.auth;

import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Access tokens whose signature was verified once, kept for their lifetime (decision 0149): a
 * buyer's second request with the same token skips parsing and the HMAC check, but every request
 * still runs the token's validators (expiry with no skew, issuer, disabled accounts), so a token
 * stops working at the same moment as without this cache. Only tokens the {@code verifier} accepted
 * are kept (the exact token text is the key, so an altered token is never found), at most
 * {@code capacity} of them: when full, the cache starts again empty.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int capacity;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.verifier = verifier;
        this.validator = validator;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (token == null) {
            return verifier.decode(null);
        }
        Jwt known = verified.get(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
                return known;
            }
            // Expired or its account disabled: forgotten, and refused by the verifier with its own error.
            verified.remove(token);
        }
        Jwt jwt = verifier.decode(token);
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
