package io.fcs.protocol.message;

import java.util.Optional;

/** The versioned lists a terminal or edge holds, as reported in its {@link Presence}. */
public enum ListKind {
    CONFIGURATION(0x01),
    PRICE_LIST(0x02),
    DENY_LIST(0x03),
    TICKET_REVOCATIONS(0x04),
    PENDING_CREDITS(0x05);

    private final int code;

    ListKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ListKind> fromCode(int code) {
        for (ListKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
