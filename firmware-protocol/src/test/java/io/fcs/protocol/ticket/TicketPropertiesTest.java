package io.fcs.protocol.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.TicketId;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Seeded random properties of tickets. */
class TicketPropertiesTest {

    private final TicketIssuer issuer = new TicketIssuer(TicketExamples.TICKET_KEY);
    private final TicketVerifier verifier =
            new TicketVerifier(TicketExamples.FESTIVAL, List.of(TicketExamples.TICKET_KEY.verificationKey()));

    static Ticket randomTicket(Random random) {
        LocalDate first = LocalDate.ofEpochDay(random.nextInt(0xffff - 40));
        Set<LocalDate> days = new HashSet<>();
        days.add(first);
        for (int i = random.nextInt(6); i > 0; i--) {
            days.add(first.plusDays(random.nextInt(ValidDays.MAX_SPAN)));
        }
        int zones = random.nextInt();
        String initials = "";
        for (int i = random.nextInt(Ticket.MAX_INITIALS + 1); i > 0; i--) {
            initials += (char) ('A' + random.nextInt(26));
        }
        return new Ticket(
                TicketId.of(new UUID(random.nextLong(), random.nextLong())),
                TicketExamples.FESTIVAL,
                random.nextInt(Ticket.MAX_TYPE_CODE + 1),
                ValidDays.of(days),
                new Zones(zones == 0 ? 1 : zones),
                initials.isEmpty() ? Optional.empty() : Optional.of(initials));
    }

    @Test
    void everyTicketSurvivesIssueAndVerifyAndFitsTheQrBudget() {
        Random random = new Random(9285L);
        for (int i = 0; i < 500; i++) {
            Ticket ticket = randomTicket(random);
            String text = issuer.issue(ticket);
            assertThat(text.length()).isLessThanOrEqualTo(TicketCodec.MAX_TEXT_LENGTH);
            assertThat(verifier.verify(text))
                    .isEqualTo(new TicketVerification.Authentic(ticket, TicketExamples.TICKET_KEY.verificationKey()));
        }
    }

    @Test
    void anySingleBitChangeOfATicketIsRefused() {
        Random random = new Random(45L);
        for (int t = 0; t < 3; t++) {
            byte[] bytes = issuer.issueBytes(randomTicket(random));
            for (int bit = 0; bit < bytes.length * 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(verifier.verify(tampered).isAuthentic())
                        .as("bit %d", bit)
                        .isFalse();
                assertThat(verifier.verify(TicketCodec.toText(tampered)).isAuthentic())
                        .isFalse();
            }
        }
    }

    @Test
    void randomTextNeverMakesTheVerifierThrow() {
        Random random = new Random(7L);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? TicketCodec.SCHEME : "");
            for (int c = random.nextInt(200); c > 0; c--) {
                text.append(
                        random.nextInt(4) == 0
                                ? (char) random.nextInt(0x250)
                                : Base45.ALPHABET.charAt(random.nextInt(45)));
            }
            assertThat(verifier.verify(text.toString()).isAuthentic()).isFalse();
        }
    }
}
