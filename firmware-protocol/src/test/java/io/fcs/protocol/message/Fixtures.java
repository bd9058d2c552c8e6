package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
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

    /** Vector file name (without extension) → fixture message. */
    static Map<String, Message> all() {
        Map<String, Message> all = new TreeMap<>();
        all.put("record-batch", recordBatch());
        all.put("watermark-ack", watermarkAck());
        all.put("authorisation-request", authorisationRequest());
        all.put("authorisation-answer", authorisationAnswer());
        return all;
    }
}
