package io.fcs.protocol.enrol;

/** What an enrolled device is: a terminal (POS, gate, kiosk) or a zone's edge node. */
public enum DeviceKind {
    TERMINAL(1),
    EDGE(2);

    private final int code;

    DeviceKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DeviceKind fromCode(int code) {
        for (DeviceKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new EnrolmentFormatException(EnrolmentFormatException.Reason.BAD_FIELD, "unknown device kind " + code);
    }
}
