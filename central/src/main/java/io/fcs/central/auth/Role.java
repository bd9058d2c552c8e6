package io.fcs.central.auth;

/** The roles of central; Spring authorities are {@code ROLE_<name>}. */
public enum Role {
    ADMIN,
    ORGANISER,
    FINANCE,
    BAR_STAFF,
    CASHIER,
    GATE_SECURITY,
    ATTENDEE;

    public String authority() {
        return "ROLE_" + name();
    }

    /** Staff roles act for festivals; ATTENDEE is the public. */
    public boolean isStaff() {
        return this != ATTENDEE;
    }
}
