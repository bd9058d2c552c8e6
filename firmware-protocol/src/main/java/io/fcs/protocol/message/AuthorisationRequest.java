package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A terminal asks its edge to authorise a tap. The edge answers on the terminal's
 * {@code auth/res} topic with an {@link AuthorisationAnswer} carrying the same correlation id; it
 * treats a repeated correlation id as the same request (QoS 1 may deliver twice).
 *
 * @param wristbandUid the NFC UID as read (4, 7 or 10 bytes; 4..10 accepted)
 * @param walletId the wallet the chip's signed state names, when it could be read
 * @param chipState the chip's signed state bytes as read (opaque here; may be empty)
 * @param amount the amount of the sale or top-up, zero for a check-in; never negative
 * @param time the terminal's clock at the tap (milliseconds)
 */
public record AuthorisationRequest(
        UUID correlationId,
        TerminalId terminalId,
        AuthorisationKind kind,
        OpaqueBytes wristbandUid,
        Optional<WalletId> walletId,
        OpaqueBytes chipState,
        Money amount,
        Instant time)
        implements Message {

    public static final int MIN_UID_BYTES = 4;
    public static final int MAX_UID_BYTES = 10;
    public static final int MAX_CHIP_STATE_BYTES = 1024;

    public AuthorisationRequest {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(kind, "kind");
        Fields.bytes("wristbandUid", wristbandUid, MIN_UID_BYTES, MAX_UID_BYTES);
        Objects.requireNonNull(walletId, "walletId");
        Fields.bytes("chipState", chipState, 0, MAX_CHIP_STATE_BYTES);
        Fields.nonNegative("amount", amount);
        time = Fields.millis("time", time);
    }

    @Override
    public MessageType type() {
        return MessageType.AUTHORISATION_REQUEST;
    }
}
