package io.fcs.protocol.ticket;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TicketId;
import java.time.LocalDate;

/** Fixed keys and tickets for ticket tests and golden vectors. */
final class TicketExamples {

    static final Ed25519.SigningKey TICKET_KEY = Ed25519.SigningKey.fromSeed(
            Bytes.fromHex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7"));
    static final Ed25519.SigningKey NEXT_TICKET_KEY = Ed25519.SigningKey.fromSeed(
            Bytes.fromHex("f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5"));
    static final Ed25519.SigningKey STRANGER_KEY = Ed25519.SigningKey.fromSeed(
            Bytes.fromHex("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42"));

    static final FestivalId FESTIVAL = FestivalId.parse("f0000000-0000-4000-8000-000000000001");
    static final FestivalId OTHER_FESTIVAL = FestivalId.parse("f0000000-0000-4000-8000-000000000002");
    static final LocalDate FRIDAY = LocalDate.of(2026, 7, 17);

    private TicketExamples() {}

    static Ticket weekend() {
        return Ticket.of(
                        TicketId.parse("71000000-0000-4000-8000-000000000001"),
                        FESTIVAL,
                        3,
                        ValidDays.range(FRIDAY, FRIDAY.plusDays(2)),
                        Zones.of(0, 2))
                .withInitials("JMD");
    }

    static Ticket saturday() {
        return Ticket.of(
                TicketId.parse("71000000-0000-4000-8000-000000000002"),
                FESTIVAL,
                1,
                ValidDays.of(FRIDAY.plusDays(1)),
                Zones.of(0));
    }
}
