package io.fcs.protocol.message;

import java.util.Optional;

/** Whether a check-in lets someone in or out through a gate. */
public enum Direction {
    IN(0x01),
    OUT(0x02);

    private final int code;

    Direction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Direction> fromCode(int code) {
        for (Direction direction : values()) {
            if (direction.code == code) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }
}
