package io.fcs.protocol.message;

import java.util.Optional;

/** The message type code, byte 3 of every message header. */
public enum MessageType {
    RECORD_BATCH(0x01),
    WATERMARK_ACK(0x02),
    AUTHORISATION_REQUEST(0x03),
    AUTHORISATION_ANSWER(0x04),
    ADMISSION_REQUEST(0x05),
    ADMISSION_ANSWER(0x06),
    CONFIGURATION(0x10),
    PRICE_LIST(0x11),
    DENY_LIST(0x12),
    TICKET_REVOCATIONS(0x13),
    PENDING_CREDITS(0x14),
    CHECK_IN(0x20),
    PRESENCE(0x30);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<MessageType> fromCode(int code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
