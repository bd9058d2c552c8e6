package io.fcs.protocol.message;

import java.util.Optional;

/** What a terminal asks the edge to authorise. */
public enum AuthorisationKind {
    SALE(0x01),
    TOP_UP(0x02),
    CHECK_IN(0x03);

    private final int code;

    AuthorisationKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<AuthorisationKind> fromCode(int code) {
        for (AuthorisationKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
