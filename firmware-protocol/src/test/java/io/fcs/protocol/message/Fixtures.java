package io.fcs.protocol.message;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import io.fcs.protocol.value.ZoneId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The fixed messages behind the golden vectors: every field has a recognisable value. */
final class Fixtures {

    static final TerminalId TERMINAL = TerminalId.parse("7e0a1b2c-3d4e-4f50-8162-738495a6b7c8");
    static final WalletId WALLET = WalletId.parse("0a0b0c0d-0e0f-4011-8213-141516171819");
    static final UUID CORRELATION = UUID.fromString("c0c0c0c0-0000-4000-8000-000000000001");
    static final Instant TIME = Instant.parse("2026-07-17T21:04:05.678Z");

    private Fixtures() {}

    static RecordBatch recordBatch() {
        return RecordBatch.of(
                TERMINAL, 41, List.of(new byte[] {0x01, 0x02, 0x03}, new byte[] {(byte) 0xAA, (byte) 0xBB}), 7);
    }

    static WatermarkAck watermarkAck() {
        return new WatermarkAck(
                TERMINAL,
                40,
                List.of(SequenceRange.of(43, 45), SequenceRange.single(50)),
                List.of(
                        new RefusedRecord(41, RefusedRecord.Reason.BAD_SIGNATURE),
                        new RefusedRecord(47, RefusedRecord.Reason.CONFLICTING_DUPLICATE)));
    }

    static AuthorisationRequest authorisationRequest() {
        return new AuthorisationRequest(
                CORRELATION,
                TERMINAL,
                AuthorisationKind.SALE,
                OpaqueBytes.fromHex("04a1b2c3d4e5f6"),
                Optional.of(WALLET),
                OpaqueBytes.fromHex("cafe"),
                Money.eur(1250),
                TIME);
    }

    static AuthorisationAnswer authorisationAnswer() {
        return new AuthorisationAnswer(
                CORRELATION,
                AuthorisationOutcome.APPROVED,
                Optional.of(WALLET),
                Optional.of(Money.eur(3750)),
                Optional.of(new AuthorisationAnswer.PendingCredit(
                        Money.eur(2000), List.of(UUID.fromString("cccccccc-0000-4000-8000-000000000002")))),
                Optional.of(Money.eur(1500)));
    }

    static final ZoneId ZONE = ZoneId.parse("20202020-0000-4000-8000-000000000003");
    static final EdgeId EDGE = EdgeId.parse("edededed-0000-4000-8000-000000000004");
    static final TicketId TICKET = TicketId.parse("71c4e700-0000-4000-8000-000000000005");
    static final RecordId RECORD = RecordId.parse("5ec0bd00-0000-4000-8000-000000000006");

    static Configuration configuration() {
        return Configuration.of(
                3,
                new FestivalTime(java.time.ZoneId.of("Europe/Brussels"), LocalTime.of(6, 0)),
                Money.eur(2000),
                Duration.ofHours(24),
                Map.of("zone.anti-passback", "true", "zone.reentry", "false"));
    }

    static PriceList priceList() {
        return new PriceList(
                12,
                List.of(new PriceList.PointOfSale(
                        "bar-main",
                        "Main bar",
                        List.of(
                                new PriceList.Product("beer-25", "Beer 25 cl", Money.eur(350), "drinks"),
                                new PriceList.Product("crepe", "Crêpe", Money.eur(500), "food")))));
    }

    static DenyList denyList() {
        return DenyList.delta(
                7,
                8,
                List.of(
                        DenyList.Entry.add(
                                new DenyList.Wristband(OpaqueBytes.fromHex("04a1b2c3d4e5f6")), DenyList.Reason.LOST),
                        new DenyList.Entry(new DenyList.Wallet(WALLET), ListAction.REMOVE, DenyList.Reason.FRAUD),
                        DenyList.Entry.add(new DenyList.Terminal(TERMINAL), DenyList.Reason.REVOKED)));
    }

    static TicketRevocations ticketRevocations() {
        return TicketRevocations.full(
                5, List.of(TicketRevocations.Entry.revoke(TICKET, TicketRevocations.Reason.REFUNDED)));
    }

    static PendingCredits pendingCredits() {
        return new PendingCredits(
                9,
                List.of(new PendingCredits.Credit(
                        UUID.fromString("cccccccc-0000-4000-8000-000000000002"), WALLET, Money.eur(2000))));
    }

    static CheckIn checkIn() {
        return new CheckIn(
                RECORD,
                TERMINAL,
                ZONE,
                "Gate A",
                Optional.of(TICKET),
                Optional.of(OpaqueBytes.fromHex("04a1b2c3d4e5f6")),
                Direction.IN,
                TIME);
    }

    static Presence presence() {
        Map<ListKind, Long> versions = new EnumMap<>(ListKind.class);
        versions.put(ListKind.CONFIGURATION, 3L);
        versions.put(ListKind.DENY_LIST, 8L);
        return new Presence(
                new Presence.Terminal(TERMINAL), Presence.State.ALIVE, false, "1.4.2", TIME, 12, 1, -250, versions);
    }

    static final TerminalId GATE_A = TerminalId.parse("6a7e0a00-0000-4000-8000-00000000000a");
    static final Instant EARLIER = Instant.parse("2026-07-17T19:04:00Z");

    static AdmissionRequest admissionRequest() {
        return new AdmissionRequest(
                CORRELATION, TERMINAL, TICKET, Optional.of(OpaqueBytes.fromHex("04a1b2c3d4e5f6")), "Gate B", TIME);
    }

    static AdmissionAnswer admissionAnswer() {
        return AdmissionAnswer.alreadyUsed(
                CORRELATION,
                new AdmissionAnswer.PreviousAdmission(GATE_A, "Gate A", EARLIER),
                ReentryRefusal.ONE_ENTRY_ONLY,
                TIME.plusMillis(12));
    }

    /** Vector file name (without extension) → fixture message. */
    static Map<String, Message> all() {
        Map<String, Message> all = new TreeMap<>();
        all.put("record-batch", recordBatch());
        all.put("watermark-ack", watermarkAck());
        all.put("authorisation-request", authorisationRequest());
        all.put("authorisation-answer", authorisationAnswer());
        all.put("admission-request", admissionRequest());
        all.put("admission-answer", admissionAnswer());
        all.put("configuration", configuration());
        all.put("price-list", priceList());
        all.put("deny-list", denyList());
        all.put("ticket-revocations", ticketRevocations());
        all.put("pending-credits", pendingCredits());
        all.put("check-in", checkIn());
        all.put("presence", presence());
        return all;
    }
}
