package io.fcs.protocol.enrol;

/** The role a terminal plays; an edge node has {@link #NONE}. */
public enum DeviceMode {
    NONE(0),
    POS(1),
    GATE(2),
    KIOSK(3);

    private final int code;

    DeviceMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DeviceMode fromCode(int code) {
        for (DeviceMode mode : values()) {
            if (mode.code == code) {
                return mode;
            }
        }
        throw new EnrolmentFormatException(EnrolmentFormatException.Reason.BAD_FIELD, "unknown device mode " + code);
    }
}
