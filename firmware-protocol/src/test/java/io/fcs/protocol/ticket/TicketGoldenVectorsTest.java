package io.fcs.protocol.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.testing.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed ticket vectors are the contract: issued and verified byte for byte. */
class TicketGoldenVectorsTest {

    private static final List<Vectors.Vector> ACCEPTED = Vectors.load("/vectors/tickets/tickets.txt");
    private static final List<Vectors.Vector> REFUSED = Vectors.load("/vectors/tickets/refused.txt");

    private final TicketIssuer issuer = new TicketIssuer(TicketExamples.TICKET_KEY);
    private final TicketVerifier verifier =
            new TicketVerifier(TicketExamples.FESTIVAL, List.of(TicketExamples.TICKET_KEY.verificationKey()));

    @Test
    void issuingTheExampleTicketsGivesTheVectorBytesAndText() {
        Ticket[] tickets = WriteTicketVectors.tickets();
        assertThat(ACCEPTED).hasSize(tickets.length);
        for (int i = 0; i < tickets.length; i++) {
            Vectors.Vector vector = ACCEPTED.get(i);
            assertThat(Bytes.hex(issuer.issueBytes(tickets[i])))
                    .as(vector.get("name"))
                    .isEqualTo(vector.get("bytes"));
            assertThat(issuer.issue(tickets[i])).as(vector.get("name")).isEqualTo(vector.get("text"));
        }
    }

    @Test
    void verifyingTheVectorTextAndBytesGivesTheExampleTickets() {
        Ticket[] tickets = WriteTicketVectors.tickets();
        for (int i = 0; i < tickets.length; i++) {
            Vectors.Vector vector = ACCEPTED.get(i);
            TicketVerification expected =
                    new TicketVerification.Authentic(tickets[i], TicketExamples.TICKET_KEY.verificationKey());
            assertThat(verifier.verify(vector.get("text")))
                    .as(vector.get("name"))
                    .isEqualTo(expected);
            assertThat(verifier.verify(Bytes.fromHex(vector.get("bytes")))).isEqualTo(expected);
            assertThat(tickets[i].id()).hasToString(vector.get("ticket-id"));
            assertThat(tickets[i].typeCode()).isEqualTo(Integer.parseInt(vector.get("type")));
            assertThat(vector.get("text").length()).isLessThanOrEqualTo(TicketCodec.MAX_TEXT_LENGTH);
        }
    }

    @Test
    void everyRefusedVectorIsRefusedForItsStatedReason() {
        assertThat(REFUSED).hasSizeGreaterThanOrEqualTo(8);
        for (Vectors.Vector vector : REFUSED) {
            assertThat(verifier.verify(vector.get("text")))
                    .as(vector.get("name"))
                    .isInstanceOfSatisfying(
                            TicketVerification.Refused.class,
                            refused -> assertThat(refused.reason().name()).isEqualTo(vector.get("refusal")));
        }
    }

    @Test
    void theVectorFilesAreExactlyWhatTheWriterProduces() {
        assertThat(Vectors.parse(WriteTicketVectors.accepted())).isEqualTo(ACCEPTED);
        assertThat(Vectors.parse(WriteTicketVectors.refused())).isEqualTo(REFUSED);
    }
}
