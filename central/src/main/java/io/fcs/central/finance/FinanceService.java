package io.fcs.central.finance;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.AccountKind;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.JournalEntry;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.ledger.PostingResult;
import io.fcs.central.payment.CardRefunds;
import io.fcs.central.sync.ReviewItem;
import io.fcs.central.sync.ReviewItems;
import io.fcs.central.sync.ReviewKind;
import io.fcs.central.ticketing.TicketSales;
import io.fcs.central.wallet.CashlessPolicies;
import io.fcs.central.wallet.FestivalGuard;
import io.fcs.central.wallet.Wallet;
import io.fcs.central.wallet.Wallets;
import io.fcs.central.wallet.Wristbands;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reconciliation, review actions and audited adjustments of a festival's books. */
@Service
public class FinanceService {

    static final long MAX_ADJUSTMENT_CENTS = 1_000_000L;

    private static final Set<ReviewKind> FORK_KINDS =
            Set.of(ReviewKind.FORK, ReviewKind.CONFLICTING_RECORD, ReviewKind.CHAIN_BREAK, ReviewKind.DOUBLE_SPEND);

    private final Ledger ledger;
    private final Wallets wallets;
    private final ReviewItems reviews;
    private final FestivalGuard festivals;
    private final CashlessPolicies policies;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final CardRefunds cardRefunds;
    private final TicketSales tickets;

    FinanceService(
            Ledger ledger,
            Wallets wallets,
            ReviewItems reviews,
            FestivalGuard festivals,
            CashlessPolicies policies,
            AuditLog audit,
            JdbcClient jdbc,
            CardRefunds cardRefunds,
            TicketSales tickets) {
        this.cardRefunds = cardRefunds;
        this.tickets = tickets;
        this.ledger = ledger;
        this.wallets = wallets;
        this.reviews = reviews;
        this.festivals = festivals;
        this.policies = policies;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Reconciliation reconciliation(UUID festivalId) {
        FestivalId festival = festivals.require(festivalId);
        Currency currency = policies.of(festival).currency();
        Reconciliation.Figures figures = Reconciliation.Figures.of(ledger.totals(festival));
        long chips = jdbc.sql("SELECT COALESCE(SUM(chip_balance), 0) FROM cashless_wallet WHERE festival_id = :f")
                .param("f", festivalId)
                .query(Long.class)
                .single();
        record TerminalRow(UUID id, long watermark, long received, long duplicates, long refused) {}
        List<TerminalRow> terminals = jdbc.sql("""
                        SELECT terminal_id, watermark, received, duplicates, refused FROM sync_terminal
                        WHERE festival_id = :f ORDER BY terminal_id
                        """)
                .param("f", festivalId)
                .query((rs, n) -> new TerminalRow(
                        rs.getObject("terminal_id", UUID.class),
                        rs.getLong("watermark"),
                        rs.getLong("received"),
                        rs.getLong("duplicates"),
                        rs.getLong("refused")))
                .list();
        Map<UUID, Long> applied = new LinkedHashMap<>();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT terminal_id, status, COUNT(*) AS n FROM sync_record WHERE festival_id = :f
                        GROUP BY terminal_id, status
                        """).param("f", festivalId).query(rs -> {
            String status = rs.getString("status");
            byStatus.merge(status, rs.getLong("n"), Long::sum);
            if ("APPLIED".equals(status)) {
                applied.put(rs.getObject("terminal_id", UUID.class), rs.getLong("n"));
            }
        });
        Map<UUID, Map<EntryCategory, Map<AccountKind, Long>>> perTerminal = ledger.totalsByTerminal(festival);
        List<Reconciliation.Terminal> terminalFigures = new ArrayList<>();
        for (TerminalRow t : terminals) {
            Reconciliation.Figures f = Reconciliation.Figures.of(perTerminal.getOrDefault(t.id(), Map.of()));
            terminalFigures.add(new Reconciliation.Terminal(
                    t.id(),
                    t.watermark(),
                    t.received(),
                    applied.getOrDefault(t.id(), 0L),
                    t.duplicates(),
                    t.refused(),
                    f.topUps(),
                    f.sales(),
                    f.refunds()));
        }
        List<ReviewItem> open = reviews.of(festival, Optional.of(ReviewItem.OPEN));
        List<Reconciliation.Fork> forks = open.stream()
                .filter(item -> FORK_KINDS.contains(item.kind()))
                .map(item -> new Reconciliation.Fork(
                        item.id(),
                        item.terminalId(),
                        item.sequence(),
                        item.kind().name(),
                        item.detail()))
                .toList();
        long difference = figures.difference();
        return new Reconciliation(
                festivalId,
                currency.code(),
                figures.topUps(),
                figures.sales(),
                figures.refunds(),
                figures.adjustments(),
                figures.wallets(),
                figures.wallets() - chips,
                figures.exposure(),
                chips,
                difference,
                difference == 0,
                new Reconciliation.Records(
                        terminals.stream().mapToLong(TerminalRow::received).sum(),
                        byStatus.getOrDefault("APPLIED", 0L),
                        terminals.stream().mapToLong(TerminalRow::duplicates).sum(),
                        terminals.stream().mapToLong(TerminalRow::refused).sum(),
                        byStatus.getOrDefault("HELD", 0L)),
                gaps(festivalId),
                forks,
                open,
                ledger.balances(festival, AccountKind.POS_REVENUE).stream()
                        .map(b -> new Reconciliation.PointOfSale(
                                b.account().subject(), b.balance().minor()))
                        .toList(),
                terminalFigures,
                ledger.balances(festival, AccountKind.CASH_DRAWER).stream()
                        .map(b -> new Reconciliation.CashierShift(
                                b.account().subject(), b.balance().minor()))
                        .toList());
    }

    /** The festival's journal as CSV (the file of {@code GET /finance/festivals/{id}/exports/csv}). */
    @Transactional(readOnly = true)
    public String csvExport(UUID festivalId) {
        return Exports.csv(ledger.journal(festivals.require(festivalId)));
    }

    /** The festival's FEC file (the file of {@code GET /finance/festivals/{id}/exports/fec}). */
    @Transactional(readOnly = true)
    public String fecExport(UUID festivalId) {
        FestivalId festival = festivals.require(festivalId);
        return Exports.fec(
                ledger.journal(festival), policies.of(festival).currency().code());
    }

    /** Missing sequences between each terminal's watermark and the highest record it holds. */
    List<Reconciliation.Gap> gaps(UUID festivalId) {
        record Held(UUID terminal, long watermark, long sequence) {}
        List<Held> held = jdbc.sql("""
                        SELECT t.terminal_id, t.watermark, r.sequence FROM sync_terminal t
                        JOIN sync_record r ON r.terminal_id = t.terminal_id AND r.sequence > t.watermark
                        WHERE t.festival_id = :f ORDER BY t.terminal_id, r.sequence
                        """)
                .param("f", festivalId)
                .query((rs, n) -> new Held(
                        rs.getObject("terminal_id", UUID.class), rs.getLong("watermark"), rs.getLong("sequence")))
                .list();
        List<Reconciliation.Gap> gaps = new ArrayList<>();
        UUID terminal = null;
        long previous = 0;
        for (Held h : held) {
            if (!h.terminal().equals(terminal)) {
                terminal = h.terminal();
                previous = h.watermark();
            }
            if (h.sequence() > previous + 1) {
                gaps.add(new Reconciliation.Gap(terminal, h.watermark(), previous + 1, h.sequence() - 1));
            }
            previous = h.sequence();
        }
        return gaps;
    }

    /** What a finance action on a review item asks for. */
    public record Action(
            String action,
            UUID walletId,
            String uid,
            Long amountCents,
            String reason,
            String reference,
            UUID ticketId) {

        public Action(String action, UUID walletId, String uid, Long amountCents, String reason) {
            this(action, walletId, uid, amountCents, reason, null, null);
        }

        public Action(String action, UUID walletId, String uid, Long amountCents, String reason, String reference) {
            this(action, walletId, uid, amountCents, reason, reference, null);
        }
    }

    public enum ActionKind {
        BLOCK_WRISTBAND,
        WRITE_OFF,
        ADJUST,
        DISMISS,
        /** A failed card refund is sent to the card again (decision 0220). */
        RETRY_REFUND,
        /** A failed card refund was paid by bank transfer ({@code reference} of the transfer). */
        PAY_BY_BANK_TRANSFER,
        /**
         * An admission conflict's ticket is revoked for entry, copies and all (decision 0280): the
         * ticket the conflicting check-in names, or {@code ticketId}.
         */
        REVOKE_TICKET
    }

    /** What finance may do with a failed card refund; WRITE_OFF writes the refund off. */
    private static final Set<ActionKind> REFUND_ACTIONS =
            Set.of(ActionKind.RETRY_REFUND, ActionKind.PAY_BY_BANK_TRANSFER, ActionKind.WRITE_OFF);

    /** Applies a finance action to an open review item; each is audited, money ones are postings. */
    @Transactional
    public ReviewItem act(UUID festivalId, UUID itemId, Action action, UUID actor) {
        FestivalId festival = festivals.require(festivalId);
        ReviewItem item = reviews.byId(festival, itemId).orElseThrow(() -> ApiException.notFound("review item"));
        if (!ReviewItem.OPEN.equals(item.status())) {
            throw ApiException.conflict("review_item_resolved", "this review item was resolved already");
        }
        ActionKind kind;
        try {
            kind = ActionKind.valueOf(action.action() == null ? "" : action.action());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "action must be BLOCK_WRISTBAND, WRITE_OFF, ADJUST, DISMISS, RETRY_REFUND, PAY_BY_BANK_TRANSFER"
                            + " or REVOKE_TICKET");
        }
        String reason = reason(action.reason());
        boolean refundItem = item.kind() == ReviewKind.CARD_REFUND_FAILED;
        if (refundItem != REFUND_ACTIONS.contains(kind) && !(kind == ActionKind.WRITE_OFF)) {
            throw ApiException.unprocessable(
                    "action_not_applicable",
                    refundItem
                            ? "a failed card refund is retried, paid by bank transfer or written off"
                            : kind + " applies to failed card refunds only");
        }
        if (kind == ActionKind.REVOKE_TICKET && item.kind() != ReviewKind.ADMISSION_CONFLICT) {
            throw ApiException.unprocessable(
                    "action_not_applicable", "a ticket is revoked from an admission conflict only");
        }
        String resolution;
        if (refundItem) {
            resolution = actOnCardRefund(item, kind, reason, action.reference());
            reviews.resolve(itemId, actor, resolution);
            return reviews.byId(festival, itemId).orElseThrow();
        }
        switch (kind) {
            case BLOCK_WRISTBAND -> {
                String uid = uid(Optional.ofNullable(action.uid()).orElse(item.uid()));
                if (!wallets.block(festival, uid, reason)) {
                    throw ApiException.notFound("wristband");
                }
                audit.record(
                        "cashless.wristband.blocked", festivalId, uid, Map.of("reviewItem", itemId, "reason", reason));
                resolution = "wristband " + uid + " blocked: " + reason;
            }
            case WRITE_OFF -> {
                Wallet wallet =
                        wallet(festival, Optional.ofNullable(action.walletId()).orElse(item.walletId()));
                AccountKey exposure = AccountKey.offlineExposure(wallet.id());
                Money open = ledger.lockBalance(festival, exposure, wallet.currency());
                long cents = action.amountCents() == null ? open.minor() : action.amountCents();
                if (cents <= 0 || cents > open.minor()) {
                    throw ApiException.unprocessable(
                            "nothing_to_write_off", "the wallet's open offline exposure is " + open);
                }
                Money amount = Money.of(cents, wallet.currency());
                post(JournalEntry.builder(festival, "write-off:" + itemId, EntryCategory.WRITE_OFF)
                        .description("Write-off of offline exposure: " + reason)
                        .move(AccountKey.adjustments(), exposure, amount)
                        .build());
                audit.record(
                        "ledger.exposure.written_off",
                        festivalId,
                        wallet.id().toString(),
                        Map.of("reviewItem", itemId, "amountCents", cents, "reason", reason));
                resolution = "wrote off " + amount + ": " + reason;
            }
            case ADJUST -> {
                Wallet wallet =
                        wallet(festival, Optional.ofNullable(action.walletId()).orElse(item.walletId()));
                long cents = adjustment(action.amountCents());
                adjustWallet(festival, wallet, cents, "adjust:" + itemId, reason);
                audit.record(
                        "ledger.wallet.adjusted",
                        festivalId,
                        wallet.id().toString(),
                        Map.of("reviewItem", itemId, "amountCents", cents, "reason", reason));
                resolution = "adjusted wallet by " + Money.of(cents, wallet.currency()) + ": " + reason;
            }
            case DISMISS -> {
                audit.record("finance.review.dismissed", festivalId, itemId.toString(), Map.of("reason", reason));
                resolution = "dismissed: " + reason;
            }
            case REVOKE_TICKET -> {
                UUID ticket = Optional.ofNullable(action.ticketId())
                        .or(() -> checkedInTicket(festival, item))
                        .orElseThrow(() -> ApiException.badRequest(
                                "ticketId is required: this admission conflict names no ticket"));
                tickets.revokeAsCopied(festivalId, ticket, reason);
                resolution = "ticket " + ticket + " revoked for entry: " + reason;
            }
            default -> throw new IllegalStateException("unhandled action " + kind);
        }
        reviews.resolve(itemId, actor, resolution);
        return reviews.byId(festival, itemId).orElseThrow();
    }

    /** The ticket an admission conflict's check-in names (its record id is the check-in's, decision 0280). */
    private Optional<UUID> checkedInTicket(FestivalId festival, ReviewItem item) {
        if (item.recordId() == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT ticket_id FROM gate_checkin WHERE id = :id AND festival_id = :f")
                .param("id", item.recordId())
                .param("f", festival.value())
                .query(UUID.class)
                .optional();
    }

    /** Retry, bank transfer or write-off of a FAILED card refund, each an audited posting or refund. */
    private String actOnCardRefund(ReviewItem item, ActionKind kind, String reason, String reference) {
        CardRefunds.View refund = cardRefunds
                .byReviewItem(item.id())
                .orElseThrow(() -> ApiException.conflict("refund_not_failed", "no failed card refund for this item"));
        Money amount = Money.of(refund.amountCents(), Currency.of(refund.currency()));
        return switch (kind) {
            case RETRY_REFUND -> "retried as card refund " + cardRefunds.retry(refund.id(), reason) + ": " + reason;
            case PAY_BY_BANK_TRANSFER -> {
                if (reference == null || reference.isBlank() || reference.length() > 100) {
                    throw ApiException.badRequest("the bank transfer's reference (1-100 characters) is required");
                }
                cardRefunds.paidByTransfer(refund.id(), reference.strip());
                yield "paid " + amount + " by bank transfer " + reference.strip() + ": " + reason;
            }
            case WRITE_OFF -> {
                cardRefunds.writeOff(refund.id(), reason);
                yield "wrote off " + amount + " owed: " + reason;
            }
            default -> throw new IllegalStateException("not a card refund action " + kind);
        };
    }

    /** An audited correction of one wallet outside the review list (positive credits the wallet). */
    @Transactional
    public Map<String, Object> adjust(UUID festivalId, UUID walletId, Long amountCents, String reasonText, String key) {
        FestivalId festival = festivals.require(festivalId);
        Wallet wallet = wallet(festival, walletId);
        long cents = adjustment(amountCents);
        String reason = reason(reasonText);
        String entryKey = "adjust:" + (key == null ? UUID.randomUUID().toString() : key);
        UUID entry = adjustWallet(festival, wallet, cents, entryKey, reason);
        audit.record(
                "ledger.wallet.adjusted",
                festivalId,
                wallet.id().toString(),
                Map.of("amountCents", cents, "reason", reason, "entry", entry));
        return Map.of(
                "transactionId",
                entry,
                "accountId",
                wallet.id().value(),
                "amountCents",
                cents,
                "balanceCents",
                wallets.balance(wallet).balance().minor());
    }

    private UUID adjustWallet(FestivalId festival, Wallet wallet, long cents, String key, String reason) {
        Money amount = Money.of(Math.abs(cents), wallet.currency());
        AccountKey walletAccount = AccountKey.wallet(wallet.id());
        JournalEntry.Builder entry =
                JournalEntry.builder(festival, key, EntryCategory.ADJUSTMENT).description("Adjustment: " + reason);
        if (cents > 0) {
            entry.move(AccountKey.adjustments(), walletAccount, amount);
        } else {
            entry.move(walletAccount, AccountKey.adjustments(), amount);
        }
        UUID id = post(entry.build());
        if (cents > 0) {
            wallets.coverExposure(wallet, key);
        }
        wallets.touch(festival, List.of(wallet.id()));
        return id;
    }

    private UUID post(JournalEntry entry) {
        PostingResult result = ledger.post(entry);
        return switch (result) {
            case PostingResult.Posted posted -> posted.entryId();
            case PostingResult.Refused refused ->
                throw switch (refused.reason()) {
                    case INSUFFICIENT_FUNDS ->
                        ApiException.unprocessable("insufficient_funds", "the wallet does not hold that much");
                    case IDEMPOTENCY_CONFLICT -> ApiException.conflict("idempotency_key_reused", refused.detail());
                    case CURRENCY_MISMATCH -> ApiException.unprocessable("currency_mismatch", refused.detail());
                };
        };
    }

    private Wallet wallet(FestivalId festival, UUID walletId) {
        if (walletId == null) {
            throw ApiException.badRequest("walletId is required");
        }
        return wallets.byId(WalletId.of(walletId))
                .filter(w -> w.festival().equals(festival))
                .orElseThrow(() -> ApiException.notFound("wallet"));
    }

    private static long adjustment(Long amountCents) {
        if (amountCents == null || amountCents == 0) {
            throw ApiException.badRequest("amountCents is required and not zero");
        }
        if (amountCents < -MAX_ADJUSTMENT_CENTS || amountCents > MAX_ADJUSTMENT_CENTS) {
            throw ApiException.badRequest("an adjustment is at most " + MAX_ADJUSTMENT_CENTS + " cents");
        }
        return amountCents;
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("a reason is required");
        }
        String clean = reason.strip();
        return clean.length() > 300 ? clean.substring(0, 300) : clean;
    }

    private static String uid(String uid) {
        try {
            return Wristbands.uid(uid);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
