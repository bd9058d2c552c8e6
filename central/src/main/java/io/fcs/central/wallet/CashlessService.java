package io.fcs.central.wallet;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.config.PersonalData;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.JournalEntry;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.ledger.PostedEntry;
import io.fcs.central.ledger.PostingResult;
import io.fcs.central.payment.CardRefundSettled;
import io.fcs.central.payment.CardRefunds;
import io.fcs.central.payment.PaymentConfirmed;
import io.fcs.central.payment.Payments;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The attendee's cashless account: online top-up, online payment, balance, history, wristbands
 * (link, block when lost, replace) and the post-event refund of what is left. Each money call is
 * one transaction; a refusal throws {@link ApiException}, which rolls everything back.
 */
@Service
public class CashlessService {

    /** The {@link Payments} purpose of an online top-up; its reference is the wallet id. */
    static final String TOP_UP_PURPOSE = "wallet_top_up";

    /** The {@link CardRefunds} source of the card parts of a post-event refund; its id is the refund's. */
    public static final String CARD_REFUND_SOURCE = "cashless_refund";

    /** Largest single online top-up or payment: 10,000.00 in the festival's currency. */
    public static final long MAX_AMOUNT_CENTS = 1_000_000L;

    private final Wallets wallets;
    private final Ledger ledger;
    private final Payments payments;
    private final CardRefunds cardRefunds;
    private final TransactionTemplate tx;
    private final CashlessPolicies policies;
    private final FestivalGuard festivals;
    private final JdbcClient jdbc;
    private final io.fcs.central.audit.AuditLog audit;
    private final PersonalData personalData;
    private final Clock clock = Clock.systemUTC();

    CashlessService(
            Wallets wallets,
            Ledger ledger,
            Payments payments,
            TransactionTemplate tx,
            CashlessPolicies policies,
            FestivalGuard festivals,
            JdbcClient jdbc,
            io.fcs.central.audit.AuditLog audit,
            CardRefunds cardRefunds,
            PersonalData personalData) {
        this.cardRefunds = cardRefunds;
        this.personalData = personalData;
        this.audit = audit;
        this.wallets = wallets;
        this.ledger = ledger;
        this.payments = payments;
        this.tx = tx;
        this.policies = policies;
        this.festivals = festivals;
        this.jdbc = jdbc;
    }

    /** What a money call answers (API.md Cashless). */
    public record Result(UUID accountId, long balanceCents, long pendingCents, String currency, UUID transactionId) {}

    /** The point of sale that online payments are booked to, one per festival. */
    public static UUID onlineShop(FestivalId festival) {
        return UUID.nameUUIDFromBytes(("online-shop|" + festival).getBytes(StandardCharsets.UTF_8));
    }

    /** What an online top-up answers: {@code confirmed} false while the provider has not confirmed the capture. */
    public record TopUp(Result result, boolean confirmed) {}

    /**
     * Charges the caller's card through the {@link Payments} port (the same provider, signed webhook
     * and replay protection as ticket orders) and answers once the provider's answer is in. The
     * wallet is credited only by the confirmed capture ({@link #paymentConfirmed}); with a provider
     * that confirms later, the answer says so ({@code confirmed} false, no transaction yet). Not
     * transactional: the payment is committed before the provider is asked.
     */
    public TopUp topUp(
            CurrentUser user,
            UUID festivalId,
            long amountCents,
            String method,
            String cardToken,
            String idempotencyKey) {
        FestivalId festival = festivals.require(festivalId);
        requireAmount(amountCents);
        String cleanMethod = method == null ? "" : method.strip();
        if (cleanMethod.isEmpty() || cleanMethod.length() > 32) {
            throw ApiException.badRequest("method is required (e.g. CARD)");
        }
        if (cardToken != null && (cardToken.isBlank() || cardToken.length() > 200)) {
            throw ApiException.badRequest("cardToken is 1-200 characters when given");
        }
        String scope = "topup:" + user.id();
        String hash = hash(festivalId, amountCents, cleanMethod);
        Optional<Result> replay = replay(scope, idempotencyKey, hash);
        if (replay.isPresent()) {
            return new TopUp(replay.get(), true);
        }
        Wallet wallet = tx.execute(s -> open(wallets.forOwner(festival, user.id())));
        if (idempotencyKey != null) {
            Optional<UUID> earlier = hold(scope, idempotencyKey, hash);
            if (earlier.isPresent()) {
                return answer(payments.find(earlier.get()).orElseThrow(), wallet, scope, idempotencyKey, hash);
            }
        }
        Payments.Payment payment;
        try {
            payment = payments.start(
                    TOP_UP_PURPOSE,
                    wallet.id().value(),
                    festivalId,
                    amountCents,
                    wallet.currency().code(),
                    cardToken);
        } catch (RuntimeException providerOrConfirmationFailed) {
            release(scope, idempotencyKey);
            throw providerOrConfirmationFailed;
        }
        if (payment.status() == Payments.Status.DECLINED) {
            release(scope, idempotencyKey);
            throw ApiException.unprocessable("payment_declined", "the card payment was declined");
        }
        if (idempotencyKey != null) {
            tx.executeWithoutResult(s -> jdbc.sql(
                            "UPDATE cashless_topup SET payment_id = :p WHERE scope = :scope AND request_key = :key")
                    .param("p", payment.id())
                    .param("scope", scope)
                    .param("key", idempotencyKey)
                    .update());
        }
        return answer(payment, wallet, scope, idempotencyKey, hash);
    }

    /** The provider confirmed a top-up's capture (inside the webhook's transaction): credit the wallet once. */
    @EventListener
    void paymentConfirmed(PaymentConfirmed event) {
        if (!TOP_UP_PURPOSE.equals(event.purpose())) {
            return;
        }
        Wallet wallet = wallets.byId(WalletId.of(event.referenceId()))
                .orElseThrow(
                        () -> new IllegalStateException("top-up payment for unknown wallet " + event.referenceId()));
        String key = creditKey(event.paymentId());
        PostingResult posted = ledger.post(JournalEntry.builder(wallet.festival(), key, EntryCategory.TOP_UP)
                .description("Online top-up, payment " + event.paymentId())
                .move(
                        AccountKey.pspClearing(),
                        AccountKey.wallet(wallet.id()),
                        Money.of(event.amountCents(), Currency.of(event.currency())))
                .build());
        if (posted instanceof PostingResult.Refused refused) {
            throw new IllegalStateException("ledger refused " + key + ": " + refused.detail());
        }
        wallets.coverExposure(wallet, key);
        wallets.touch(wallet.festival(), List.of(wallet.id()));
    }

    private static String creditKey(UUID paymentId) {
        return "topup-payment:" + paymentId;
    }

    private TopUp answer(Payments.Payment payment, Wallet wallet, String scope, String idempotencyKey, String hash) {
        return switch (payment.status()) {
            case CAPTURED -> {
                try {
                    yield new TopUp(
                            tx.execute(s -> {
                                UUID entryId = ledger.entry(wallet.festival(), creditKey(payment.id()))
                                        .orElseThrow(() -> new IllegalStateException(
                                                "captured top-up " + payment.id() + " has no ledger entry"))
                                        .id();
                                return remember(scope, idempotencyKey, hash, wallet, entryId);
                            }),
                            true);
                } catch (DuplicateKeyException sameKeyConcurrently) {
                    yield new TopUp(replay(scope, idempotencyKey, hash).orElseThrow(), true);
                }
            }
            case PENDING, AUTHORISED -> {
                Wallets.Balance balance =
                        wallets.balance(wallets.byId(wallet.id()).orElseThrow());
                yield new TopUp(
                        new Result(
                                wallet.id().value(),
                                balance.balance().minor(),
                                balance.pending().minor(),
                                wallet.currency().code(),
                                null),
                        false);
            }
            case DECLINED, FAILED ->
                throw ApiException.unprocessable("payment_declined", "the card payment was declined or failed");
            case REFUNDED -> throw ApiException.conflict("payment_state", "the card payment was refunded");
        };
    }

    /** Holds the Idempotency-Key before the charge; the payment of an earlier request with it, if any. */
    private Optional<UUID> hold(String scope, String idempotencyKey, String hash) {
        try {
            tx.executeWithoutResult(s -> jdbc.sql("""
                            INSERT INTO cashless_topup (scope, request_key, request_hash, created_at)
                            VALUES (:scope, :key, :hash, :now)
                            """)
                    .param("scope", scope)
                    .param("key", idempotencyKey)
                    .param("hash", hash)
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update());
            return Optional.empty();
        } catch (DuplicateKeyException held) {
            record Held(String hash, UUID paymentId) {}
            Held earlier = jdbc.sql("SELECT request_hash, payment_id FROM cashless_topup"
                            + " WHERE scope = :scope AND request_key = :key")
                    .param("scope", scope)
                    .param("key", idempotencyKey)
                    .query((rs, n) -> new Held(rs.getString(1), rs.getObject(2, UUID.class)))
                    .optional()
                    .orElseThrow(() -> ApiException.conflict("top_up_in_progress", "try again"));
            if (!earlier.hash().equals(hash)) {
                throw ApiException.conflict(
                        "idempotency_key_reused", "this Idempotency-Key was used with another request body");
            }
            if (earlier.paymentId() == null) {
                throw ApiException.conflict(
                        "top_up_in_progress", "a top-up with this Idempotency-Key is still being charged");
            }
            return Optional.of(earlier.paymentId());
        }
    }

    /** A declined or failed charge lets the same Idempotency-Key be tried again. */
    private void release(String scope, String idempotencyKey) {
        if (idempotencyKey != null) {
            tx.executeWithoutResult(
                    s -> jdbc.sql("DELETE FROM cashless_topup WHERE scope = :scope AND request_key = :key")
                            .param("scope", scope)
                            .param("key", idempotencyKey)
                            .update());
        }
    }

    @Transactional
    public Result pay(CurrentUser user, UUID festivalId, long amountCents, String description, String idempotencyKey) {
        FestivalId festival = festivals.require(festivalId);
        requireAmount(amountCents);
        String text = description == null || description.isBlank() ? "Online payment" : description.strip();
        if (text.length() > 200) {
            throw ApiException.badRequest("description is at most 200 characters");
        }
        String scope = "pay:" + user.id();
        String hash = hash(festivalId, amountCents, text);
        Optional<Result> replay = replay(scope, idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Wallet wallet = wallets.byOwner(festival, user.id())
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "insufficient_funds",
                        "no cashless balance at this festival"));
        open(wallet);
        Money amount = Money.of(amountCents, wallet.currency());
        String key = "pay:" + user.id() + ":" + (idempotencyKey == null ? UUID.randomUUID() : idempotencyKey);
        PostingResult posted = ledger.post(JournalEntry.builder(festival, key, EntryCategory.SALE)
                .description(text)
                .move(AccountKey.wallet(wallet.id()), AccountKey.posRevenue(onlineShop(festival)), amount)
                .build());
        return finish(scope, idempotencyKey, hash, wallet, posted);
    }

    /** The caller's accounts at every festival. */
    @Transactional(readOnly = true)
    public List<Account> accounts(CurrentUser user) {
        return wallets.ownedBy(user.id()).stream().map(this::account).toList();
    }

    /** One account as {@code GET /cashless/me} shows it. */
    public record Account(
            UUID accountId,
            UUID festivalId,
            long balanceCents,
            long pendingCents,
            String currency,
            List<String> wristbands,
            List<Wallets.Band> wristbandStatus,
            String status) {}

    Account account(Wallet wallet) {
        Wallets.Balance balance = wallets.balance(wallet);
        List<Wallets.Band> bands = wallets.wristbands(wallet.id());
        return new Account(
                wallet.id().value(),
                wallet.festival().value(),
                balance.balance().minor(),
                balance.pending().minor(),
                wallet.currency().code(),
                bands.stream().filter(b -> !b.blocked()).map(Wallets.Band::uid).toList(),
                bands,
                wallet.status().name());
    }

    /** A movement of the wallet, signed from the attendee's point of view. */
    public record Movement(
            UUID transactionId,
            Instant occurredAt,
            String category,
            String description,
            long amountCents,
            String currency) {}

    @Transactional(readOnly = true)
    public List<Movement> history(CurrentUser user, UUID festivalId, int limit) {
        FestivalId festival = festivals.require(festivalId);
        Wallet wallet = wallets.byOwner(festival, user.id()).orElse(null);
        if (wallet == null) {
            return List.of();
        }
        AccountKey account = AccountKey.wallet(wallet.id());
        return ledger.history(festival, account, Math.max(1, Math.min(limit, 500))).stream()
                .map(entry -> movement(entry, account))
                .toList();
    }

    private static Movement movement(PostedEntry entry, AccountKey account) {
        long raw = entry.lines().stream()
                .filter(line -> line.account().equals(account))
                .mapToLong(line -> line.amount().minor())
                .sum();
        return new Movement(
                entry.id(),
                entry.occurredAt(),
                entry.category().name(),
                entry.description(),
                account.kind().natural(raw),
                entry.lines().getFirst().amount().currency().code());
    }

    /** Links a wristband to the caller's wallet (opened at first use). */
    @Transactional
    public Account linkWristband(CurrentUser user, UUID festivalId, String uidText) {
        FestivalId festival = festivals.require(festivalId);
        String uid = uid(uidText);
        Wallet wallet = open(wallets.forOwner(festival, user.id()));
        Optional<Wallet> current = wallets.byWristband(festival, uid);
        if (current.isPresent() && !current.get().id().equals(wallet.id())) {
            throw ApiException.conflict("wristband_linked", "this wristband belongs to another account");
        }
        wallets.link(festival, uid, wallet.id());
        return account(wallets.byId(wallet.id()).orElseThrow());
    }

    /** Blocks a lost wristband of the caller (or, for staff of the festival, any wristband). */
    @Transactional
    public Account blockWristband(CurrentUser user, UUID festivalId, String uidText, String reason) {
        FestivalId festival = festivals.require(festivalId);
        String uid = uid(uidText);
        Wallet wallet = wristbandFor(user, festival, uid);
        wallets.block(festival, uid, reason(reason, "lost"));
        return account(wallets.byId(wallet.id()).orElseThrow());
    }

    /**
     * Lost wristband: blocks the old one and links a new one to the same wallet. The balance stays
     * in the wallet's ledger account; the new wristband carries nothing yet, so all of it is
     * pending and a connected terminal loads it at the new wristband's first tap.
     */
    @Transactional
    public Account replaceWristband(CurrentUser user, UUID festivalId, String oldUidText, String newUidText) {
        FestivalId festival = festivals.require(festivalId);
        String oldUid = uid(oldUidText);
        String newUid = uid(newUidText);
        if (oldUid.equals(newUid)) {
            throw ApiException.badRequest("the new wristband must be another one");
        }
        Wallet wallet = wristbandFor(user, festival, oldUid);
        if (wallets.byWristband(festival, newUid).isPresent()) {
            throw ApiException.conflict("wristband_linked", "the new wristband is already in use");
        }
        wallets.block(festival, oldUid, "replaced by " + newUid);
        wallets.link(festival, newUid, wallet.id());
        wallets.resetChip(wallet.id());
        wallets.touch(festival, List.of(wallet.id()));
        return account(wallets.byId(wallet.id()).orElseThrow());
    }

    private Wallet wristbandFor(CurrentUser user, FestivalId festival, String uid) {
        Optional<Wallet> wallet = wallets.byWristband(festival, uid);
        boolean allowed = wallet.isPresent()
                && (user.canStaff(festival.value())
                        || wallet.get().owner().map(user.id()::equals).orElse(false));
        if (!allowed) {
            throw ApiException.notFound("wristband");
        }
        return wallet.get();
    }

    /** What a post-event refund request answers. */
    public record Refund(
            UUID refundId,
            UUID accountId,
            String method,
            long amountCents,
            long feeCents,
            String currency,
            String status) {}

    /**
     * Pays out the whole unused balance after the event, by the festival's policy: back to the card
     * (refunds payable, then settled through the provider), as a bank transfer finance pays later
     * (refunds payable), or as a donation. The wallet is closed and its wristbands blocked.
     */
    @Transactional
    public Refund refund(CurrentUser user, UUID festivalId, String methodText, String iban) {
        FestivalId festival = festivals.require(festivalId);
        CashlessPolicy policy = policies.of(festival);
        CashlessPolicy.RefundMethod method;
        try {
            method = CashlessPolicy.RefundMethod.valueOf(methodText == null ? "" : methodText.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("method must be CARD, BANK_TRANSFER or DONATION");
        }
        if (!policy.refundsOpen()) {
            throw ApiException.unprocessable("refunds_closed", "refunds of unused balances are not open yet");
        }
        if (!policy.refundMethods().contains(method)) {
            throw ApiException.unprocessable("refund_method_not_offered", method + " is not offered by this festival");
        }
        String account = null;
        if (method == CashlessPolicy.RefundMethod.BANK_TRANSFER) {
            account = iban == null ? "" : iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            if (!Iban.valid(account)) {
                throw ApiException.badRequest("a valid IBAN is required for a bank transfer");
            }
        }
        Wallet wallet = wallets.byOwner(festival, user.id()).orElseThrow(() -> ApiException.notFound("account"));
        open(wallet);
        Money balance = wallets.balance(wallet).balance();
        long fee =
                method == CashlessPolicy.RefundMethod.DONATION ? 0 : Math.min(policy.refundFeeCents(), balance.minor());
        if (!balance.isPositive() || balance.minor() - fee <= 0) {
            throw ApiException.unprocessable("nothing_to_refund", "there is no unused balance to refund");
        }
        Money payout = Money.of(balance.minor() - fee, wallet.currency());
        UUID refundId = UUID.randomUUID();
        AccountKey walletAccount = AccountKey.wallet(wallet.id());
        JournalEntry.Builder entry = JournalEntry.builder(festival, "refund:" + wallet.id(), EntryCategory.PAYOUT)
                .description("Unused balance " + method.name().toLowerCase(java.util.Locale.ROOT) + " " + refundId);
        entry.move(
                walletAccount,
                method == CashlessPolicy.RefundMethod.DONATION ? AccountKey.donations() : AccountKey.refundsPayable(),
                payout);
        if (fee > 0) {
            entry.move(walletAccount, AccountKey.fees(), Money.of(fee, wallet.currency()));
        }
        PostingResult posted = ledger.post(entry.build());
        if (!(posted instanceof PostingResult.Posted done) || done.replayed()) {
            throw ApiException.conflict("refund_in_progress", "the balance changed or was refunded already; try again");
        }
        String status =
                switch (method) {
                    case DONATION -> "DONATED";
                    case BANK_TRANSFER -> "REQUESTED";
                    case CARD -> refundToCards(festival, wallet, payout, refundId) ? "PENDING" : "REQUESTED";
                };
        jdbc.sql("""
                        INSERT INTO cashless_refund (id, festival_id, wallet_id, method, amount, fee, currency,
                            iban_enc, status, entry_id, created_at)
                        VALUES (:id, :f, :w, :m, :a, :fee, :c, :iban, :s, :e, :now)
                        """)
                .param("id", refundId)
                .param("f", festival.value())
                .param("w", wallet.id().value())
                .param("m", method.name())
                .param("a", payout.minor())
                .param("fee", fee)
                .param("c", wallet.currency().code())
                .param("iban", account == null ? null : personalData.encrypt(account))
                .param("s", status)
                .param("e", done.entryId())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        wallets.close(wallet.id());
        for (Wallets.Band band : wallets.wristbands(wallet.id())) {
            wallets.block(festival, band.uid(), "balance refunded");
        }
        wallets.touch(festival, List.of(wallet.id()));
        return new Refund(
                refundId,
                wallet.id().value(),
                method.name(),
                payout.minor(),
                fee,
                wallet.currency().code(),
                status);
    }

    /**
     * One of the caller's own post-event refunds, as the attendee follows it (decision 0278):
     * REQUESTED (a bank transfer, or a card refund that the card top-ups do not cover, for finance
     * to pay), PENDING (sent to the card, its confirmation to come), PAID, FAILED (a card part
     * failed, finance acts), DONATED. No bank details: the attendee typed them, and they stay encrypted.
     */
    public record MyRefund(
            UUID refundId,
            String method,
            long amountCents,
            long feeCents,
            String currency,
            String status,
            java.time.Instant requestedAt,
            java.time.Instant paidAt) {}

    /** The caller's refunds in a festival, newest first; empty for a festival where they have no account. */
    @Transactional(readOnly = true)
    public List<MyRefund> myRefunds(CurrentUser user, UUID festivalId) {
        FestivalId festival = festivals.require(festivalId);
        return jdbc.sql("""
                        SELECT r.id, r.method, r.amount, r.fee, r.currency, r.status, r.created_at, r.paid_at
                        FROM cashless_refund r JOIN cashless_wallet w ON w.id = r.wallet_id
                        WHERE r.festival_id = :f AND w.owner_id = :owner
                        ORDER BY r.created_at DESC, r.id
                        """)
                .param("f", festival.value())
                .param("owner", user.id())
                .query((rs, n) -> new MyRefund(
                        rs.getObject("id", UUID.class),
                        rs.getString("method"),
                        rs.getLong("amount"),
                        rs.getLong("fee"),
                        rs.getString("currency"),
                        rs.getString("status"),
                        instant(rs, "created_at"),
                        instant(rs, "paid_at")))
                .list();
    }

    /** A timestamp column as an instant, null when the column is. */
    private static java.time.Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.time.OffsetDateTime at = rs.getObject(column, java.time.OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** A post-event refund as finance sees it. */
    public record RefundView(
            UUID refundId,
            UUID accountId,
            String method,
            long amountCents,
            long feeCents,
            String currency,
            String iban,
            String status,
            java.time.Instant createdAt,
            java.time.Instant paidAt,
            String transferReference) {}

    /** The festival's post-event refunds, oldest first, optionally of one status (REQUESTED, PAID, DONATED). */
    public List<RefundView> refunds(FestivalId festival, Optional<String> status) {
        return jdbc.sql("SELECT id, wallet_id, method, amount, fee, currency, iban_enc, status, created_at, paid_at,"
                        + " transfer_reference FROM cashless_refund WHERE festival_id = :f"
                        + (status.isPresent() ? " AND status = :s" : "")
                        + " ORDER BY created_at, id")
                .param("f", festival.value())
                .params(status.map(s -> java.util.Map.<String, Object>of("s", s))
                        .orElse(java.util.Map.of()))
                .query((rs, n) -> new RefundView(
                        rs.getObject("id", UUID.class),
                        rs.getObject("wallet_id", UUID.class),
                        rs.getString("method"),
                        rs.getLong("amount"),
                        rs.getLong("fee"),
                        rs.getString("currency"),
                        Optional.ofNullable(rs.getString("iban_enc"))
                                .map(personalData::decrypt)
                                .orElse(null),
                        rs.getString("status"),
                        instant(rs, "created_at"),
                        instant(rs, "paid_at"),
                        rs.getString("transfer_reference")))
                .list();
    }

    /**
     * Finance paid a requested bank transfer (decision 0147): REQUESTED → PAID with the bank's
     * reference, and the books move refunds payable → bank. 409 {@code refund_not_payable} for a
     * refund that is not a requested bank transfer (paid already, card, donation).
     */
    @Transactional
    public RefundView markTransferPaid(FestivalId festival, UUID refundId, String reference, UUID by) {
        if (reference == null || reference.isBlank() || reference.length() > 100) {
            throw ApiException.badRequest("the bank transfer's reference (1-100 characters) is required");
        }
        record Row(long amount, String currency, String method, String status) {}
        Row row = jdbc.sql(
                        "SELECT amount, currency, method, status FROM cashless_refund WHERE id = :id AND festival_id = :f")
                .param("id", refundId)
                .param("f", festival.value())
                .query((rs, n) -> new Row(
                        rs.getLong("amount"), rs.getString("currency"), rs.getString("method"), rs.getString("status")))
                .optional()
                .orElseThrow(() -> ApiException.notFound("refund"));
        int changed = jdbc.sql(
                        "UPDATE cashless_refund SET status = 'PAID', paid_at = :now, paid_by = :by,"
                                + " transfer_reference = :ref WHERE id = :id AND method = 'BANK_TRANSFER' AND status = 'REQUESTED'")
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("by", by)
                .param("ref", reference.strip())
                .param("id", refundId)
                .update();
        if (changed == 0) {
            throw ApiException.conflict(
                    "refund_not_payable", "the refund is a " + row.method() + " refund, " + row.status() + "");
        }
        // An erased attendee's IBAN was kept only to pay what was owed (decision 0223): once paid, it goes.
        jdbc.sql("UPDATE cashless_refund SET iban_enc = NULL WHERE id = :id AND wallet_id IN (SELECT w.id FROM"
                        + " cashless_wallet w JOIN app_user u ON u.id = w.owner_id WHERE u.status = 'ERASED')")
                .param("id", refundId)
                .update();
        PostingResult posted =
                ledger.post(JournalEntry.builder(festival, "refund-paid:" + refundId, EntryCategory.SETTLEMENT)
                        .description("Bank transfer of unused balance " + refundId + " ref " + reference.strip())
                        .move(
                                AccountKey.refundsPayable(),
                                AccountKey.bank(),
                                Money.of(row.amount(), Currency.of(row.currency())))
                        .build());
        if (posted instanceof PostingResult.Refused refused) {
            throw new IllegalStateException("ledger refused the bank transfer " + refundId + ": " + refused.detail());
        }
        audit.record(
                "refund.transfer_paid",
                festival.value(),
                refundId.toString(),
                java.util.Map.of(
                        "amountCents", row.amount(), "currency", row.currency(), "reference", reference.strip()));
        return refunds(festival, Optional.of("PAID")).stream()
                .filter(r -> r.refundId().equals(refundId))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Asks the provider to pay {@code payout} back, against the wallet's captured online top-ups
     * (newest first). The money stays in refunds payable until the provider confirms each part
     * (decision 0220): the refund is PENDING, then PAID when every part is confirmed, or FAILED for
     * finance to act. True when card top-ups cover all of it; what they do not cover (cash or kiosk
     * top-ups) stays in refunds payable for finance to pay (REQUESTED).
     */
    private boolean refundToCards(FestivalId festival, Wallet wallet, Money payout, UUID refundId) {
        long remaining = payout.minor();
        for (Payments.Refundable payment :
                payments.refundable(TOP_UP_PURPOSE, wallet.id().value())) {
            if (remaining == 0) {
                break;
            }
            if (!payment.currency().equals(payout.currency().code())) {
                continue;
            }
            long part = Math.min(remaining, payment.refundableCents());
            payments.refund(payment.id(), festival.value(), part, CARD_REFUND_SOURCE, refundId);
            remaining -= part;
        }
        return remaining == 0;
    }

    /**
     * A card part of a post-event refund changed (decision 0220): the refund is PAID once every
     * part is confirmed or paid by bank transfer, FAILED while a part failed and finance has not
     * acted, WRITTEN_OFF when finance wrote a part off, and PENDING otherwise. Runs in the
     * transaction that changed the part.
     */
    @EventListener
    void cardRefundSettled(CardRefundSettled event) {
        if (!CARD_REFUND_SOURCE.equals(event.source()) || event.sourceId() == null) {
            return;
        }
        List<CardRefunds.View> parts = cardRefunds.ofSource(CARD_REFUND_SOURCE, event.sourceId()).stream()
                .filter(p -> p.status() != CardRefunds.Status.RETRIED)
                .toList();
        java.util.Set<CardRefunds.Status> states =
                parts.stream().map(CardRefunds.View::status).collect(java.util.stream.Collectors.toSet());
        String status;
        if (states.contains(CardRefunds.Status.PENDING) || states.contains(CardRefunds.Status.SENT)) {
            status = "PENDING";
        } else if (states.contains(CardRefunds.Status.FAILED)) {
            status = "FAILED";
        } else if (states.contains(CardRefunds.Status.WRITTEN_OFF)) {
            status = "WRITTEN_OFF";
        } else {
            status = "PAID";
        }
        jdbc.sql("UPDATE cashless_refund SET status = :s, paid_at = CASE WHEN :s = 'PAID' THEN :now ELSE paid_at END"
                        + " WHERE id = :id AND method = 'CARD' AND status IN ('PENDING', 'FAILED')")
                .param("s", status)
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .param("id", event.sourceId())
                .update();
    }

    private Wallet open(Wallet wallet) {
        if (wallet.status() != Wallet.Status.ACTIVE) {
            throw ApiException.unprocessable("account_closed", "this cashless account was closed after its refund");
        }
        return wallet;
    }

    private Result finish(String scope, String idempotencyKey, String hash, Wallet wallet, PostingResult posted) {
        if (posted instanceof PostingResult.Refused refused) {
            throw switch (refused.reason()) {
                case INSUFFICIENT_FUNDS ->
                    ApiException.unprocessable("insufficient_funds", "the balance does not cover this payment");
                case IDEMPOTENCY_CONFLICT ->
                    ApiException.conflict(
                            "idempotency_key_reused", "this Idempotency-Key was used for another request");
                case CURRENCY_MISMATCH -> ApiException.unprocessable("currency_mismatch", refused.detail());
            };
        }
        PostingResult.Posted done = (PostingResult.Posted) posted;
        wallets.touch(wallet.festival(), List.of(wallet.id()));
        return remember(scope, idempotencyKey, hash, wallet, done.entryId());
    }

    /** The account after {@code entryId}, kept for answering a repeated Idempotency-Key. */
    private Result remember(String scope, String idempotencyKey, String hash, Wallet wallet, UUID entryId) {
        Wallets.Balance balance = wallets.balance(wallets.byId(wallet.id()).orElseThrow());
        Result result = new Result(
                wallet.id().value(),
                balance.balance().minor(),
                balance.pending().minor(),
                wallet.currency().code(),
                entryId);
        if (idempotencyKey != null) {
            jdbc.sql("""
                            INSERT INTO cashless_request (scope, request_key, request_hash, wallet_id, balance, pending,
                                currency, transaction_id, created_at)
                            VALUES (:scope, :key, :hash, :w, :b, :p, :c, :t, :now)
                            """)
                    .param("scope", scope)
                    .param("key", idempotencyKey)
                    .param("hash", hash)
                    .param("w", result.accountId())
                    .param("b", result.balanceCents())
                    .param("p", result.pendingCents())
                    .param("c", result.currency())
                    .param("t", result.transactionId())
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
        }
        return result;
    }

    private Optional<Result> replay(String scope, String idempotencyKey, String hash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw ApiException.badRequest("Idempotency-Key must be 1-100 characters");
        }
        record Stored(String hash, Result result) {}
        Optional<Stored> stored = jdbc.sql("SELECT * FROM cashless_request WHERE scope = :scope AND request_key = :key")
                .param("scope", scope)
                .param("key", idempotencyKey)
                .query((rs, n) -> new Stored(
                        rs.getString("request_hash"),
                        new Result(
                                rs.getObject("wallet_id", UUID.class),
                                rs.getLong("balance"),
                                rs.getLong("pending"),
                                rs.getString("currency"),
                                rs.getObject("transaction_id", UUID.class))))
                .optional();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().hash().equals(hash)) {
            throw ApiException.conflict(
                    "idempotency_key_reused", "this Idempotency-Key was used with another request body");
        }
        return Optional.of(stored.get().result());
    }

    private static String hash(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part).append('|');
        }
        return Bytes.hex(Sha256.hash(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void requireAmount(long amountCents) {
        if (amountCents <= 0) {
            throw ApiException.badRequest("amountCents must be positive");
        }
        if (amountCents > MAX_AMOUNT_CENTS) {
            throw ApiException.badRequest("amountCents must be at most " + MAX_AMOUNT_CENTS);
        }
    }

    static String uid(String text) {
        try {
            return Wristbands.uid(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String reason(String reason, String fallback) {
        if (reason == null || reason.isBlank()) {
            return fallback;
        }
        return reason.strip().length() > 200 ? reason.strip().substring(0, 200) : reason.strip();
    }

    static WalletId walletId(UUID id) {
        return WalletId.of(id);
    }
}
