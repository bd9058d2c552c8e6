package io.fcs.protocol.record;

/** How money came in (top-up) or went out (refund). Sales are always paid from the wallet. */
public enum PaymentMethod {
    CASH(1),
    CARD(2),
    ONLINE(3),
    /** A voucher or complimentary credit issued by the organiser. */
    VOUCHER(4);

    private final int code;

    PaymentMethod(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no method has */
    public static PaymentMethod fromCode(int code) {
        for (PaymentMethod method : values()) {
            if (method.code == code) {
                return method;
            }
        }
        throw new IllegalArgumentException("no payment method has code " + code);
    }
}
