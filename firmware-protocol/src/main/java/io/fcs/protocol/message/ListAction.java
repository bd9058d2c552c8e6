package io.fcs.protocol.message;

import java.util.Optional;

/** What an entry of a versioned list does: a full list only adds. */
public enum ListAction {
    ADD(0x01),
    REMOVE(0x02);

    private final int code;

    ListAction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ListAction> fromCode(int code) {
        for (ListAction action : values()) {
            if (action.code == code) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
