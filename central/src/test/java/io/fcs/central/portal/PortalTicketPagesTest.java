package io.fcs.central.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/** Buying tickets on the portal and showing them: payment states, QR, refusals, other people's tickets. */
class PortalTicketPagesTest extends PortalPageTest {

    @Autowired
    JdbcClient jdbc;

    private int sold(String ticketTypeId) {
        return jdbc.sql("select sold from ticket_type where id = ?")
                .param(UUID.fromString(ticketTypeId))
                .query(Integer.class)
                .single();
    }

    @Test
    void approvedCardBuysValidTicketsWhosePageShowsTheSignedQr() throws Exception {
        Site site = publishedFestival();
        Visitor ada = signUp();
        MockHttpServletResponse bought = buyTickets(ada, site, 2, "APPROVED");
        assertThat(bought.getRedirectedUrl()).isEqualTo("/my/tickets?bought=paid");
        assertThat(sold(site.ticketTypeId())).isEqualTo(2);
        String list = page("/my/tickets?bought=paid", ada).getContentAsString();
        assertThat(list).contains("Payment confirmed", "Paid, valid").doesNotContain("hx-trigger=\"every 3s\"");
        String qrCode = firstTicket(ada, "qrCode");
        String ticketId = firstTicket(ada, "id");
        String ticketPage = page("/my/tickets/" + ticketId, ada).getContentAsString();
        assertThat(ticketPage).contains("<svg", "class=\"qr\"", "Paid, valid", "Ada Lovelace");
        assertThat(qrCode).isNotBlank();
    }

    @Test
    void laterConfirmationShowsPaymentPendingThenPaidOnceTheSignedWebhookArrives() throws Exception {
        Site site = publishedFestival();
        Visitor bo = signUp();
        MockHttpServletResponse bought = buyTickets(bo, site, 1, "CONFIRMED_LATER");
        assertThat(bought.getRedirectedUrl()).isEqualTo("/my/tickets?bought=pending");
        String pending = page("/my/tickets", bo).getContentAsString();
        assertThat(pending).contains("Payment pending", "hx-trigger=\"every 3s\"");
        String ticketId = firstTicket(bo, "id");
        assertThat(page("/my/tickets/" + ticketId, bo).getContentAsString())
                .contains("the QR code appears once the payment provider has confirmed")
                .doesNotContain("class=\"qr\"");

        record Pay(UUID id, long amount, String currency) {}
        Pay payment = jdbc.sql("select p.id, p.amount_cents, p.currency from payment p join ticket_order o on"
                        + " o.payment_id = p.id join ticket t on t.order_id = o.id where t.id = ?")
                .param(UUID.fromString(ticketId))
                .query((rs, n) -> new Pay(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)))
                .single();
        String body = """
                {"eventId":"evt_%s","type":"payment.captured","merchantReference":"%s","providerRef":"sbx_late",\
                "amountCents":%d,"currency":"%s"}""".formatted(UUID.randomUUID(), payment.id(), payment.amount(), payment.currency());
        long now = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-webhook-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature =
                "v1=" + HexFormat.of().formatHex(mac.doFinal((now + "." + body).getBytes(StandardCharsets.UTF_8)));
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                        "/payments/webhook")
                                .contentType(MediaType.APPLICATION_JSON)
                                .header("Fcs-Webhook-Timestamp", Long.toString(now))
                                .header("Fcs-Webhook-Signature", signature)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        String polled = page("/my/tickets/list", bo).getContentAsString();
        assertThat(polled).contains("Paid, valid").doesNotContain("every 3s");
        assertThat(page("/my/tickets/" + ticketId, bo).getContentAsString()).contains("class=\"qr\"");
    }

    @Test
    void declinedCardIsSaidPlainlyAndSellsNothing() throws Exception {
        Site site = publishedFestival();
        Visitor cy = signUp();
        MockHttpServletResponse response = buyTickets(cy, site, 1, "DECLINED");
        assertThat(response.getStatus()).isEqualTo(402);
        assertThat(response.getContentAsString()).contains("The card was declined. Nothing was charged");
        assertThat(sold(site.ticketTypeId())).isZero();
    }

    @Test
    void badQuantityTypeOrCardReRenderTheFormAndSellNothing() throws Exception {
        Site site = publishedFestival();
        Visitor di = signUp();
        for (String[] bad : new String[][] {
            {"quantity", "0", "Choose between 1 and 10 tickets."},
            {"quantity", "11", "Choose between 1 and 10 tickets."},
            {"quantity", "two", "Choose between 1 and 10 tickets."},
            {"ticketType", UUID.randomUUID().toString(), "Choose a ticket of this festival."},
            {"card", "STOLEN", "Choose a card."},
            {"key", "", "This form is too old."}
        }) {
            String[] fields = ticketForm(site, 1, "APPROVED", key());
            for (int i = 0; i < fields.length; i += 2) {
                if (fields[i].equals(bad[0])) {
                    fields[i + 1] = bad[1];
                }
            }
            MockHttpServletResponse response = form("/my/tickets/buy", di, fields);
            assertThat(response.getStatus()).as(bad[1]).isEqualTo(400);
            assertThat(response.getContentAsString()).as(bad[1]).contains(bad[2]);
        }
        assertThat(sold(site.ticketTypeId())).isZero();
    }

    @Test
    void sendingTheSameFormTwiceBuysOnce() throws Exception {
        Site site = publishedFestival();
        Visitor ed = signUp();
        String key = key();
        for (int i = 0; i < 2; i++) {
            assertThat(buyTickets(ed, site, 1, "APPROVED", key).getRedirectedUrl())
                    .isEqualTo("/my/tickets?bought=paid");
        }
        assertThat(sold(site.ticketTypeId())).isEqualTo(1);
    }

    @Test
    void anotherAttendeesTicketIsNotFound() throws Exception {
        Site site = publishedFestival();
        Visitor owner = signUp();
        buyTickets(owner, site, 1, "APPROVED");
        String ticketId = firstTicket(owner, "id");
        Visitor other = signUp();
        MockHttpServletResponse response = page("/my/tickets/" + ticketId, other);
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).doesNotContain("class=\"qr\"");
        assertThat(page("/my/tickets", other).getContentAsString()).doesNotContain(ticketId);
        assertThat(page("/my/tickets/not-a-ticket", other).getStatus()).isEqualTo(404);
    }

    @Test
    void buyingWithoutCsrfTokenIsRefused() throws Exception {
        Site site = publishedFestival();
        Visitor fay = signUp();
        assertThat(formWithoutCsrf("/my/tickets/buy", fay, ticketForm(site, 1, "APPROVED", key()))
                        .getStatus())
                .isEqualTo(403);
        assertThat(sold(site.ticketTypeId())).isZero();
    }
}
