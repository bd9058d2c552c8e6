package io.fcs.central.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.wallet.CashlessPolicies;
import io.fcs.central.wallet.CashlessPolicy;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/** The wallet pages: top-up, balance and history, wristbands, refunds, notices; refusals change nothing. */
class PortalWalletPagesTest extends PortalPageTest {

    @Autowired
    CashlessPolicies policies;

    private long balance(Visitor visitor) throws Exception {
        Number cents = read(apiGet("/cashless/me", bearer(visitor)), "$.accounts[0].balanceCents");
        return cents.longValue();
    }

    private String wallet(Site site, Visitor visitor) throws Exception {
        return page("/my/wallet?festival=" + site.festivalId(), visitor).getContentAsString();
    }

    @Test
    void topUpIsCreditedShownInTheHistoryAndAnnouncedOnce() throws Exception {
        Site site = publishedFestival();
        Visitor ada = signUp();
        MockHttpServletResponse done = topUp(ada, site, "20,50", "APPROVED");
        assertThat(done.getRedirectedUrl()).isEqualTo("/my/wallet?festival=" + site.festivalId() + "&done=top-up");
        assertThat(balance(ada)).isEqualTo(2050);
        assertThat(page(done.getRedirectedUrl(), ada).getContentAsString())
                .contains("€20.50", "Top-up", "Top-up confirmed by the payment provider");
        assertThat(page("/my/notices", ada).getContentAsString()).contains("Top-up loaded: €20.50 is on your account.");
        form("/my/notices/dismiss", ada);
        assertThat(page("/my/notices", ada).getContentAsString()).doesNotContain("Top-up loaded");
    }

    @Test
    void badAmountsReRenderTheFormWithTheReasonAndChargeNothing() throws Exception {
        Site site = publishedFestival();
        Visitor bo = signUp();
        topUp(bo, site, "5", "APPROVED");
        for (String amount : new String[] {"", "abc", "-5", "0", "1.234", "10000.01", "1e3"}) {
            MockHttpServletResponse response = topUp(bo, site, amount, "APPROVED");
            assertThat(response.getStatus()).as(amount).isEqualTo(400);
            assertThat(response.getContentAsString()).as(amount).contains("Enter an amount such as 20 or 12.50");
        }
        MockHttpServletResponse declined = topUp(bo, site, "30", "DECLINED");
        assertThat(declined.getStatus()).isEqualTo(422);
        assertThat(declined.getContentAsString()).contains("The card was declined.");
        assertThat(balance(bo)).isEqualTo(500);
    }

    @Test
    void wristbandIsLinkedAsTypedAndBlockedWhenLost() throws Exception {
        Site site = publishedFestival();
        Visitor cy = signUp();
        String uid = "04" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String typed = uid.toUpperCase().replaceAll("(..)(?!$)", "$1:");
        assertThat(form("/my/wallet/wristbands", cy, "festival", site.festivalId(), "uid", typed)
                        .getRedirectedUrl())
                .endsWith("&done=linked");
        assertThat(wallet(site, cy)).contains(uid.toUpperCase(), "active");
        assertThat(form("/my/wallet/wristbands/block", cy, "festival", site.festivalId(), "uid", uid)
                        .getRedirectedUrl())
                .endsWith("&done=blocked");
        assertThat(wallet(site, cy)).contains("blocked").doesNotContain("Block the lost wristband");
    }

    @Test
    void malformedWristbandNumberIsRefusedWithTheExpectedShape() throws Exception {
        Site site = publishedFestival();
        Visitor di = signUp();
        MockHttpServletResponse response =
                form("/my/wallet/wristbands", di, "festival", site.festivalId(), "uid", "XYZ-123");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("8, 14 or 20 characters 0–9 and A–F", "value=\"XYZ-123\"");
    }

    @Test
    void anotherAttendeesWristbandCanBeNeitherTakenNorBlocked() throws Exception {
        Site site = publishedFestival();
        Visitor owner = signUp();
        String uid = "04" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        form("/my/wallet/wristbands", owner, "festival", site.festivalId(), "uid", uid);
        Visitor other = signUp();
        MockHttpServletResponse taken = form("/my/wallet/wristbands", other, "festival", site.festivalId(), "uid", uid);
        assertThat(taken.getStatus()).isEqualTo(409);
        assertThat(taken.getContentAsString()).contains("This wristband belongs to another account.");
        MockHttpServletResponse blocked =
                form("/my/wallet/wristbands/block", other, "festival", site.festivalId(), "uid", uid);
        assertThat(blocked.getStatus()).isEqualTo(404);
        assertThat(wallet(site, owner)).contains("active").doesNotContain(">blocked<");
    }

    @Test
    void refundIsRefusedWhileClosedAndPaysOutTheBalanceOnceOpen() throws Exception {
        Site site = publishedFestival();
        Visitor ed = signUp();
        topUp(ed, site, "12", "APPROVED");
        assertThat(wallet(site, ed)).contains("Refunds of what is left on your account open after the festival.");
        MockHttpServletResponse closed =
                form("/my/wallet/refund", ed, "festival", site.festivalId(), "method", "DONATION");
        assertThat(closed.getStatus()).isEqualTo(422);
        assertThat(closed.getContentAsString()).contains("Refunds of unused balances are not open yet.");
        assertThat(balance(ed)).isEqualTo(1200);

        FestivalId festival = FestivalId.of(UUID.fromString(site.festivalId()));
        policies.set(
                festival,
                new CashlessPolicy(Currency.EUR, 2_000, true, 0, Set.of(CashlessPolicy.RefundMethod.values()), 0),
                policies.of(festival).version() + 1);
        assertThat(form("/my/wallet/refund", ed, "festival", site.festivalId(), "method", "WIRE")
                        .getStatus())
                .isEqualTo(400);
        assertThat(form("/my/wallet/refund", ed, "festival", site.festivalId(), "method", "DONATION")
                        .getRedirectedUrl())
                .endsWith("&done=refund");
        assertThat(balance(ed)).isZero();
        assertThat(wallet(site, ed))
                .contains("Refund of the balance")
                .contains("Your refunds", "€12.00", "given to the festival&#39;s charity, thank you");
    }

    @Test
    void refundedTicketIsAnnouncedInThePage() throws Exception {
        Site site = publishedFestival();
        Visitor fay = signUp();
        buyTickets(fay, site, 1, "APPROVED");
        String ticketId = firstTicket(fay, "id");
        apiPost("/tickets/" + ticketId + "/refund", bearer(fay), null);
        String notices = page("/my/notices", fay).getContentAsString();
        assertThat(notices).contains("Ticket refunded: Pass", "€45.00 goes back to your card.");
        assertThat(page("/my", fay).getContentAsString()).contains("Ticket refunded: Pass", "Refunded");
    }

    @Test
    void walletActionsWithoutCsrfTokenAreRefused() throws Exception {
        Site site = publishedFestival();
        Visitor gus = signUp();
        assertThat(formWithoutCsrf("/my/wallet/top-up", gus, topUpForm(site, "20", "APPROVED"))
                        .getStatus())
                .isEqualTo(403);
        assertThat(read(apiGet("/cashless/me", bearer(gus)), "$.accounts.length()")
                        .toString())
                .isEqualTo("0");
    }
}
