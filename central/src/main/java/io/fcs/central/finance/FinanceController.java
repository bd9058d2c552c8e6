package io.fcs.central.finance;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.sync.GapSkips;
import io.fcs.central.sync.ReviewItem;
import io.fcs.central.sync.ReviewItems;
import io.fcs.central.wallet.CashlessPolicies;
import io.fcs.central.wallet.CashlessPolicy;
import io.fcs.central.wallet.CashlessService;
import io.fcs.central.wallet.ChangeVersions;
import io.fcs.central.wallet.FestivalGuard;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /finance/festivals/{id}/*} (API.md "Finance"): FINANCE and ADMIN only, within their festival scope. */
@RestController
@RequestMapping("/finance/festivals/{festivalId}")
@PreAuthorize("hasAnyRole('FINANCE','ADMIN')")
class FinanceController {

    private final FinanceService finance;
    private final Ledger ledger;
    private final ReviewItems reviews;
    private final FestivalGuard festivals;
    private final CashlessPolicies policies;
    private final ChangeVersions versions;
    private final GapSkips gapSkips;
    private final CashlessService cashless;

    FinanceController(
            FinanceService finance,
            Ledger ledger,
            ReviewItems reviews,
            FestivalGuard festivals,
            CashlessPolicies policies,
            ChangeVersions versions,
            GapSkips gapSkips,
            CashlessService cashless) {
        this.cashless = cashless;
        this.finance = finance;
        this.ledger = ledger;
        this.reviews = reviews;
        this.festivals = festivals;
        this.policies = policies;
        this.versions = versions;
        this.gapSkips = gapSkips;
    }

    @GetMapping("/reconciliation")
    Reconciliation reconciliation(@PathVariable("festivalId") UUID festivalId) {
        scope(festivalId);
        return finance.reconciliation(festivalId);
    }

    @GetMapping("/review-items")
    List<ReviewItem> reviewItems(
            @PathVariable("festivalId") UUID festivalId,
            @RequestParam(name = "status", required = false) String status) {
        FestivalId festival = scope(festivalId);
        if (status != null && !ReviewItem.OPEN.equals(status) && !ReviewItem.RESOLVED.equals(status)) {
            throw ApiException.badRequest("status is OPEN or RESOLVED");
        }
        return reviews.of(festival, Optional.ofNullable(status));
    }

    @PostMapping("/review-items/{itemId}/actions")
    ReviewItem act(
            @PathVariable("festivalId") UUID festivalId,
            @PathVariable("itemId") UUID itemId,
            @RequestBody FinanceService.Action action) {
        scope(festivalId);
        return finance.act(festivalId, itemId, action, CurrentUser.require().id());
    }

    record SkipGapRequest(Long fromSequence, Long toSequence, String reason) {}

    /**
     * Settles a range of a terminal's sequences that will never arrive (decision 0145), so the
     * records held behind it are applied; audited with its reason.
     */
    @PostMapping("/terminals/{terminalId}/gap-skips")
    GapSkips.Skipped skipGap(
            @PathVariable("festivalId") UUID festivalId,
            @PathVariable("terminalId") UUID terminalId,
            @RequestBody SkipGapRequest body) {
        FestivalId festival = scope(festivalId);
        if (body.fromSequence() == null || body.toSequence() == null) {
            throw ApiException.badRequest("fromSequence and toSequence are required");
        }
        return gapSkips.skip(
                festival, TerminalId.of(terminalId), body.fromSequence(), body.toSequence(), body.reason());
    }

    /** Post-event refunds of unused balances (finance pays the REQUESTED bank transfers). */
    @GetMapping("/refunds")
    List<CashlessService.RefundView> refunds(
            @PathVariable("festivalId") UUID festivalId,
            @RequestParam(name = "status", required = false) String status) {
        FestivalId festival = scope(festivalId);
        if (status != null
                && !List.of("REQUESTED", "PENDING", "PAID", "FAILED", "WRITTEN_OFF", "DONATED")
                        .contains(status)) {
            throw ApiException.badRequest("status is REQUESTED, PENDING, PAID, FAILED, WRITTEN_OFF or DONATED");
        }
        return cashless.refunds(festival, Optional.ofNullable(status));
    }

    record TransferPaidRequest(String reference) {}

    /** A requested bank transfer was paid (decision 0147): PAID, refunds payable → bank, audited. */
    @PostMapping("/refunds/{refundId}/transfer-paid")
    CashlessService.RefundView transferPaid(
            @PathVariable("festivalId") UUID festivalId,
            @PathVariable("refundId") UUID refundId,
            @RequestBody TransferPaidRequest body) {
        FestivalId festival = scope(festivalId);
        return cashless.markTransferPaid(
                festival, refundId, body.reference(), CurrentUser.require().id());
    }

    record AdjustmentRequest(UUID walletId, Long amountCents, String reason) {}

    @PostMapping("/adjustments")
    Map<String, Object> adjust(
            @PathVariable("festivalId") UUID festivalId,
            @RequestBody AdjustmentRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        scope(festivalId);
        if (key != null && (key.isBlank() || key.length() > 100)) {
            throw ApiException.badRequest("Idempotency-Key must be 1-100 characters");
        }
        return finance.adjust(festivalId, body.walletId(), body.amountCents(), body.reason(), key);
    }

    record PolicyRequest(
            Long offlineAllowanceCents, Boolean refundsOpen, Long refundFeeCents, List<String> refundMethods) {}

    @GetMapping("/cashless-policy")
    CashlessPolicy policy(@PathVariable("festivalId") UUID festivalId) {
        return policies.of(scope(festivalId));
    }

    @PutMapping("/cashless-policy")
    @Transactional
    CashlessPolicy setPolicy(@PathVariable("festivalId") UUID festivalId, @RequestBody PolicyRequest body) {
        FestivalId festival = scope(festivalId);
        CashlessPolicy current = policies.of(festival);
        Set<CashlessPolicy.RefundMethod> methods = EnumSet.noneOf(CashlessPolicy.RefundMethod.class);
        if (body.refundMethods() == null) {
            methods.addAll(current.refundMethods());
        } else {
            for (String method : body.refundMethods()) {
                try {
                    methods.add(CashlessPolicy.RefundMethod.valueOf(String.valueOf(method)));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("refund methods are CARD, BANK_TRANSFER, DONATION");
                }
            }
        }
        long allowance =
                body.offlineAllowanceCents() == null ? current.offlineAllowanceCents() : body.offlineAllowanceCents();
        long fee = body.refundFeeCents() == null ? current.refundFeeCents() : body.refundFeeCents();
        if (allowance < 0 || allowance > 100_000 || fee < 0 || fee > 10_000) {
            throw ApiException.badRequest("offlineAllowanceCents is 0..100000 and refundFeeCents 0..10000");
        }
        Currency currency = current.currency();
        CashlessPolicy policy = new CashlessPolicy(
                currency,
                allowance,
                body.refundsOpen() == null ? current.refundsOpen() : body.refundsOpen(),
                fee,
                methods,
                current.version() + 1);
        policies.set(festival, policy, policy.version());
        versions.next(festival);
        return policies.of(festival);
    }

    @GetMapping(path = "/exports/csv")
    ResponseEntity<byte[]> csv(@PathVariable("festivalId") UUID festivalId) {
        FestivalId festival = scope(festivalId);
        return file(Exports.csv(ledger.journal(festival)), "text/csv", "journal-" + festivalId + ".csv");
    }

    @GetMapping(path = "/exports/fec")
    ResponseEntity<byte[]> fec(@PathVariable("festivalId") UUID festivalId) {
        FestivalId festival = scope(festivalId);
        String currency = policies.of(festival).currency().code();
        return file(Exports.fec(ledger.journal(festival), currency), "text/plain", "FEC-" + festivalId + ".txt");
    }

    private static ResponseEntity<byte[]> file(String content, String type, String name) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(type), StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(content.getBytes(StandardCharsets.UTF_8));
    }

    private FestivalId scope(UUID festivalId) {
        CurrentUser.require().requireFestival(festivalId);
        return festivals.require(festivalId);
    }
}
