package io.fcs.central.finance;

import io.fcs.central.ledger.AccountBalance;
import io.fcs.central.ledger.AccountKind;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.sync.ReviewItem;
import io.fcs.protocol.value.FestivalId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The figures of the conservation invariant (DESIGN §7.1) for one festival, each a sum of
 * postings (never a number kept beside the ledger), and where they come from.
 *
 * <pre>
 * walletBalances == topUps - sales - refunds + adjustments + offlineExposure
 * wristbandValues + pending == walletBalances
 * </pre>
 *
 * @param topUpsCents money credited to wallets by top-up entries (voided top-ups subtracted)
 * @param salesCents point-of-sale revenue of sale entries net of voids and refunds of sales
 * @param refundsCents money paid out of wallets (cash-outs, post-event refunds, donations)
 * @param adjustmentsCents audited corrections of wallets and write-offs of offline exposure
 * @param walletBalancesCents what the festival owes attendees: the sum of the wallet accounts
 * @param pendingCents what the wallets hold that is not yet on a wristband chip
 * @param offlineExposureCents what attendees owe for sales beyond their balance, still open
 * @param wristbandValuesCents what the wristband chips carry, as the terminals' records say
 * @param conservationDifferenceCents left side minus right side of the first line: zero when
 *     the books are sound
 */
public record Reconciliation(
        UUID festivalId,
        String currency,
        long topUpsCents,
        long salesCents,
        long refundsCents,
        long adjustmentsCents,
        long walletBalancesCents,
        long pendingCents,
        long offlineExposureCents,
        long wristbandValuesCents,
        long conservationDifferenceCents,
        boolean conservationHolds,
        Records records,
        List<Gap> gaps,
        List<Fork> forks,
        List<ReviewItem> reviewItems,
        List<PointOfSale> pointsOfSale,
        List<Terminal> terminals,
        List<CashierShift> cashierShifts) {

    public record Records(long received, long applied, long duplicatesAbsorbed, long refused, long held) {}

    public record Gap(UUID terminalId, long watermark, long from, long to) {}

    public record Fork(UUID reviewItemId, UUID terminalId, Long sequence, String kind, String detail) {}

    public record PointOfSale(String pointOfSaleId, long salesCents) {}

    public record Terminal(
            UUID terminalId,
            long watermark,
            long received,
            long applied,
            long duplicatesAbsorbed,
            long refused,
            long topUpsCents,
            long salesCents,
            long refundsCents) {}

    public record CashierShift(String shiftId, long drawerCents) {}

    /** The ledger side of the figures, from {@link Ledger#totals}. */
    record Figures(long topUps, long sales, long refunds, long adjustments, long wallets, long exposure) {

        /**
         * Each category's effect on what attendees hold net ({@code wallets - exposure}) is
         * {@code -raw(WALLET) - raw(OFFLINE_EXPOSURE)}; sales are taken from the other side (point
         * of sale revenue), so the invariant checks that every sale took from wallets and exposure
         * exactly what the bars earned, and that no other entry touched a wallet.
         */
        static Figures of(Map<EntryCategory, Map<AccountKind, Long>> totals) {
            long topUps = attendee(totals, EntryCategory.TOP_UP);
            long sales = -raw(totals, EntryCategory.SALE, AccountKind.POS_REVENUE)
                    - raw(totals, EntryCategory.SALE_REVERSAL, AccountKind.POS_REVENUE);
            long refunds = -attendee(totals, EntryCategory.PAYOUT);
            long adjustments = attendee(totals, EntryCategory.ADJUSTMENT)
                    + attendee(totals, EntryCategory.WRITE_OFF)
                    + attendee(totals, EntryCategory.TRANSFER);
            long wallets = 0;
            long exposure = 0;
            for (Map<AccountKind, Long> byKind : totals.values()) {
                wallets -= byKind.getOrDefault(AccountKind.WALLET, 0L);
                exposure += byKind.getOrDefault(AccountKind.OFFLINE_EXPOSURE, 0L);
            }
            return new Figures(topUps, sales, refunds, adjustments, wallets, exposure);
        }

        private static long attendee(Map<EntryCategory, Map<AccountKind, Long>> totals, EntryCategory category) {
            return -raw(totals, category, AccountKind.WALLET) - raw(totals, category, AccountKind.OFFLINE_EXPOSURE);
        }

        long difference() {
            return wallets - (topUps - sales - refunds + adjustments + exposure);
        }

        private static long raw(Map<EntryCategory, Map<AccountKind, Long>> totals, EntryCategory c, AccountKind k) {
            return totals.getOrDefault(c, Map.of()).getOrDefault(k, 0L);
        }
    }

    static long sum(List<AccountBalance> balances) {
        return balances.stream().mapToLong(b -> b.balance().minor()).sum();
    }

    static FestivalId festival(UUID id) {
        return FestivalId.of(id);
    }
}
