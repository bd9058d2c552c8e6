package io.fcs.edge.zone;

import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the zone's taps: sales and top-ups against the wallet replica (one serialised decision
 * per wallet, debit durable before the answer), check-ins against the anti-passback registry.
 * A repeated correlation id is the same request and never debits twice.
 */
public final class Authoriser {

    private static final Logger log = LoggerFactory.getLogger(Authoriser.class);

    private final WalletReplica wallets;
    private final CheckinRegistry checkins;
    private final TerminalKeys keys;
    private final EdgeMetrics metrics;
    private final MessageCodec codec;

    public Authoriser(
            WalletReplica wallets,
            CheckinRegistry checkins,
            TerminalKeys keys,
            EdgeMetrics metrics,
            MessageCodec codec) {
        this.wallets = wallets;
        this.checkins = checkins;
        this.keys = keys;
        this.metrics = metrics;
        this.codec = codec;
    }

    /** Decodes a request published on a terminal's {@code auth/req} topic and answers it; empty when unanswerable. */
    public Optional<byte[]> handle(TerminalId fromTopic, byte[] payload) {
        try {
            return handleAsync(fromTopic, payload).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * As {@link #handle} without waiting for the store (decision 0154): the decision is taken now,
     * the encoded answer completes once what it approves is durable (on the store's committer
     * thread for sales and top-ups). Check-ins still wait for their own write in the caller.
     */
    public CompletableFuture<Optional<byte[]>> handleAsync(TerminalId fromTopic, byte[] payload) {
        long start = System.nanoTime();
        DecodeResult<AuthorisationRequest> decoded = codec.decode(payload, AuthorisationRequest.class);
        if (decoded instanceof DecodeResult.Refused<AuthorisationRequest> refused) {
            metrics.refused("auth_request", refused.reason().name().toLowerCase(Locale.ROOT));
            log.warn(
                    "event=auth_refused reason={} terminal={} detail=\"{}\"",
                    refused.reason(),
                    fromTopic,
                    refused.detail());
            return CompletableFuture.completedFuture(Optional.empty());
        }
        AuthorisationRequest request = ((DecodeResult.Decoded<AuthorisationRequest>) decoded).message();
        return decideAsync(fromTopic, request).thenApply(answer -> {
            metrics.authorised(answer.outcome(), System.nanoTime() - start);
            return Optional.of(codec.encode(answer));
        });
    }

    public AuthorisationAnswer decide(TerminalId fromTopic, AuthorisationRequest request) {
        try {
            return decideAsync(fromTopic, request).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** The decision now; the answer when what it approves is durable. */
    public CompletableFuture<AuthorisationAnswer> decideAsync(TerminalId fromTopic, AuthorisationRequest request) {
        UUID correlation = request.correlationId();
        if (!request.terminalId().equals(fromTopic)) {
            metrics.refused("auth_request", "terminal_mismatch");
            return CompletableFuture.completedFuture(
                    AuthorisationAnswer.refused(correlation, AuthorisationOutcome.INVALID_REQUEST));
        }
        Optional<TerminalKeys.Terminal> terminal = keys.find(fromTopic);
        if (terminal.isEmpty() || terminal.get().revokedAt().isPresent()) {
            metrics.refused("auth_request", terminal.isEmpty() ? "unknown_terminal" : "terminal_revoked");
            return CompletableFuture.completedFuture(
                    AuthorisationAnswer.refused(correlation, AuthorisationOutcome.NOT_ALLOWED_HERE));
        }
        String uid = request.wristbandUid().hex();
        String holdId = correlation.toString();
        return switch (request.kind()) {
            case SALE ->
                wallets.authoriseAsync(
                                uid,
                                request.amount().minor(),
                                request.amount().currency(),
                                holdId,
                                fromTopic.toString())
                        .thenApply(decision -> money(request, decision));
            case TOP_UP ->
                wallets.creditAsync(
                                uid,
                                request.amount().minor(),
                                request.amount().currency(),
                                holdId,
                                fromTopic.toString())
                        .thenApply(decision -> money(request, decision));
            case CHECK_IN -> CompletableFuture.completedFuture(checkIn(request, uid, fromTopic));
        };
    }

    private AuthorisationAnswer money(AuthorisationRequest request, WalletReplica.Decision decision) {
        Currency currency = request.amount().currency();
        return switch (decision) {
            case WalletReplica.Approved a ->
                new AuthorisationAnswer(
                        request.correlationId(),
                        AuthorisationOutcome.APPROVED,
                        Optional.of(a.wallet()),
                        Optional.of(Money.of(a.availableAfterCents(), currency)),
                        pendingCredit(a.wallet(), a.pendingCreditCents(), currency),
                        Optional.of(Money.of(Math.max(0, wallets.offlineAllowance(a.wallet())), currency)));
            case WalletReplica.Refused r -> AuthorisationAnswer.refused(request.correlationId(), outcome(r.reason()));
        };
    }

    private Optional<AuthorisationAnswer.PendingCredit> pendingCredit(WalletId wallet, long cents, Currency currency) {
        if (cents <= 0) {
            return Optional.empty();
        }
        // central's wallet feed gives the pending sum; its id is derived from wallet and amount so
        // that the same pending credit is named the same way on every answer until it is loaded
        UUID id = UUID.nameUUIDFromBytes((wallet + ":" + cents).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Optional.of(new AuthorisationAnswer.PendingCredit(Money.of(cents, currency), List.of(id)));
    }

    private static AuthorisationOutcome outcome(WalletReplica.Refusal refusal) {
        return switch (refusal) {
            case UNKNOWN_WRISTBAND -> AuthorisationOutcome.UNKNOWN_WRISTBAND;
            case WALLET_BLOCKED, WRISTBAND_DENIED -> AuthorisationOutcome.BLOCKED;
            case INSUFFICIENT_FUNDS -> AuthorisationOutcome.INSUFFICIENT_FUNDS;
            case WRONG_CURRENCY, INVALID_AMOUNT -> AuthorisationOutcome.INVALID_REQUEST;
            case OFFLINE_ALLOWANCE_SPENT -> AuthorisationOutcome.LIMIT_EXCEEDED;
        };
    }

    private AuthorisationAnswer checkIn(AuthorisationRequest request, String uid, TerminalId gate) {
        if (wallets.isDenied(uid)) {
            return AuthorisationAnswer.refused(request.correlationId(), AuthorisationOutcome.BLOCKED);
        }
        String credential = CheckinRegistry.wristband(uid);
        CheckinRegistry.Decision decision = checkins.admit(credential, gate.toString(), request.time());
        if (decision instanceof CheckinRegistry.AlreadyUsed used) {
            if (used.previous().gate().equals(gate.toString())
                    && used.previous().at().equals(request.time())) {
                // the same request delivered twice: answer it the same way
                return approvedCheckIn(request, uid);
            }
            log.info(
                    "event=checkin_refused reason={} credential={} gate={} previous_gate={} previous_at={}",
                    used.reason(),
                    credential,
                    gate,
                    used.previous().gate(),
                    used.previous().at());
            return AuthorisationAnswer.refused(request.correlationId(), AuthorisationOutcome.ALREADY_CHECKED_IN);
        }
        return approvedCheckIn(request, uid);
    }

    private AuthorisationAnswer approvedCheckIn(AuthorisationRequest request, String uid) {
        Optional<WalletId> wallet = wallets.walletOf(uid);
        return new AuthorisationAnswer(
                request.correlationId(),
                AuthorisationOutcome.APPROVED,
                wallet,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
