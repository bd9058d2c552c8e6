package io.fcs.protocol.message;

import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Authorisation request body (after the 4-byte header, type 0x03). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4    16  correlation id (UUID)
 *      20    16  terminal id (UUID)
 *      36     1  kind (u8, {@link AuthorisationKind})
 *      37     1  flags: bit 0 = wallet id present; other bits 0
 *      38     8  time (i64 ms since epoch, UTC)
 *      46     8  amount, minor units (i64, &gt;= 0)
 *      54     3  amount currency (ASCII A-Z)
 *      57     1  wristband UID length U (u8, 4..10)
 *      58     U  wristband UID
 *       .    16  wallet id (UUID), only when flag bit 0
 *       .     2  chip state length C (u16, 0..1024)
 *       .     C  chip state bytes as read (opaque)
 * </pre>
 */
final class AuthorisationRequestCodec implements BodyCodec<AuthorisationRequest> {

    static final int FLAG_WALLET_ID = 0x01;
    static final int ALL_FLAGS = FLAG_WALLET_ID;

    @Override
    public MessageType type() {
        return MessageType.AUTHORISATION_REQUEST;
    }

    @Override
    public Class<AuthorisationRequest> messageClass() {
        return AuthorisationRequest.class;
    }

    @Override
    public void write(AuthorisationRequest request, WireWriter out) {
        out.uuid(request.correlationId())
                .uuid(request.terminalId().value())
                .u8(request.kind().code())
                .u8(request.walletId().isPresent() ? FLAG_WALLET_ID : 0)
                .instant(request.time())
                .money(request.amount())
                .bytes8(request.wristbandUid().unsafeArray());
        request.walletId().ifPresent(wallet -> out.uuid(wallet.value()));
        out.bytes16(request.chipState().unsafeArray());
    }

    @Override
    public AuthorisationRequest read(WireReader in) throws WireReader.Refusal {
        UUID correlation = in.uuid("correlation id");
        TerminalId terminal = TerminalId.of(in.uuid("terminal id"));
        int kindCode = in.u8("kind");
        AuthorisationKind kind = AuthorisationKind.fromCode(kindCode)
                .orElseThrow(() -> WireReader.refuse(DecodeRefusal.UNKNOWN_CODE, "authorisation kind " + kindCode));
        int flags = in.flags("flags", ALL_FLAGS);
        Instant time = in.instant("time");
        Money amount = in.moneyNonNegative("amount");
        byte[] uid = in.bytes8("wristband UID", AuthorisationRequest.MIN_UID_BYTES, AuthorisationRequest.MAX_UID_BYTES);
        Optional<WalletId> wallet =
                (flags & FLAG_WALLET_ID) != 0 ? Optional.of(WalletId.of(in.uuid("wallet id"))) : Optional.empty();
        byte[] chipState = in.bytes16("chip state", 0, AuthorisationRequest.MAX_CHIP_STATE_BYTES);
        return new AuthorisationRequest(
                correlation,
                terminal,
                kind,
                OpaqueBytes.adopt(uid),
                wallet,
                OpaqueBytes.adopt(chipState),
                amount,
                time);
    }
}
