package io.fcs.protocol.ticket;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.value.TicketId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes {@code vectors/tickets/*.txt} from {@link TicketExamples}. Run only when the ticket
 * format changes on purpose: {@code java -cp <test classpath> io.fcs.protocol.ticket.WriteTicketVectors
 * src/test/resources/vectors/tickets}. {@code TicketGoldenVectorsTest} checks the committed files.
 */
final class WriteTicketVectors {

    private WriteTicketVectors() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "src/test/resources/vectors/tickets");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("tickets.txt"), accepted());
        Files.writeString(directory.resolve("refused.txt"), refused());
    }

    static Ticket[] tickets() {
        return new Ticket[] {
            TicketExamples.weekend(),
            TicketExamples.saturday(),
            Ticket.of(
                            TicketId.parse("71000000-0000-4000-8000-000000000003"),
                            TicketExamples.FESTIVAL,
                            65535,
                            ValidDays.range(TicketExamples.FRIDAY.minusDays(10), TicketExamples.FRIDAY.plusDays(21)),
                            Zones.ALL)
                    .withInitials("Q")
        };
    }

    static String accepted() {
        TicketIssuer issuer = new TicketIssuer(TicketExamples.TICKET_KEY);
        StringBuilder out = new StringBuilder(
                """
                # QR tickets, layout version 1 (docs/protocol.md, TicketCodec).
                # Ticket key seed c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7
                # (RFC 8032 TEST 3), public key %s, key id %08x.
                # Fields: bytes = signed ticket (body || Ed25519 signature), text = "FT1:" + Base45(bytes).
                """.formatted(Bytes.hex(issuer.verificationKey().encoded()), issuer.keyId()));
        for (Ticket ticket : tickets()) {
            byte[] bytes = issuer.issueBytes(ticket);
            out.append('\n')
                    .append("name: ")
                    .append("type-" + ticket.typeCode())
                    .append('\n');
            out.append("ticket-id: ").append(ticket.id()).append('\n');
            out.append("festival-id: ").append(ticket.festival()).append('\n');
            out.append("type: ").append(ticket.typeCode()).append('\n');
            out.append("days: ").append(ticket.days()).append('\n');
            out.append("zones: ").append(ticket.zones()).append('\n');
            out.append("initials: ").append(ticket.initials().orElse("")).append('\n');
            out.append("bytes: ").append(Bytes.hex(bytes)).append('\n');
            out.append("text: ").append(issuer.issue(ticket)).append('\n');
        }
        return out.toString();
    }

    static String refused() {
        TicketIssuer issuer = new TicketIssuer(TicketExamples.TICKET_KEY);
        byte[] bytes = issuer.issueBytes(TicketExamples.saturday());
        StringBuilder out = new StringBuilder("""
                # Ticket texts a gate of festival %s trusting only the tickets.txt key must refuse,
                # with the TicketVerifier refusal. Derived from the "type-1" ticket of tickets.txt.
                """.formatted(TicketExamples.FESTIVAL));
        String text = issuer.issue(TicketExamples.saturday());
        refusal(out, "unknown-scheme", "FT9:" + text.substring(4), "MALFORMED");
        refusal(out, "not-base45", text.substring(0, 10) + "a" + text.substring(11), "MALFORMED");
        refusal(out, "truncated", TicketCodec.toText(Arrays.copyOf(bytes, bytes.length - 1)), "MALFORMED");
        refusal(out, "trailing-byte", TicketCodec.toText(Arrays.copyOf(bytes, bytes.length + 1)), "MALFORMED");
        byte[] version = bytes.clone();
        version[0] = 2;
        refusal(out, "version-2", TicketCodec.toText(version), "UNSUPPORTED_VERSION");
        byte[] zone = bytes.clone();
        zone[TicketCodec.OFFSET_ZONE_MASK + 3] |= 0x02;
        refusal(out, "zone-added", TicketCodec.toText(zone), "FORGED");
        refusal(
                out,
                "unknown-key",
                new TicketIssuer(TicketExamples.STRANGER_KEY).issue(TicketExamples.saturday()),
                "UNKNOWN_KEY");
        refusal(
                out,
                "other-festival",
                issuer.issue(new Ticket(
                        TicketExamples.saturday().id(),
                        TicketExamples.OTHER_FESTIVAL,
                        1,
                        TicketExamples.saturday().days(),
                        Zones.of(0),
                        java.util.Optional.empty())),
                "WRONG_FESTIVAL");
        return out.toString();
    }

    private static void refusal(StringBuilder out, String name, String text, String refusal) {
        out.append('\n').append("name: ").append(name).append('\n');
        out.append("text: ").append(text).append('\n');
        out.append("refusal: ").append(refusal).append('\n');
    }
}
