package io.fcs.protocol.message;

import java.util.Optional;

/** What a gate asks its zone's edge with an {@link AdmissionRequest} (decision 0250, 0254). */
public enum AdmissionKind {
    /** May this ticket (or its wristband) enter now? The edge registers the admission it answers. */
    ENTRY(0x01),
    /** The ticket (or its wristband) leaves the zone here: the edge registers the exit scan. */
    EXIT(0x02),
    /**
     * The gate stopped waiting for the answer to the entry request with this correlation id and
     * did not admit: the edge undoes the admission it made for it, or makes none if the request
     * comes later. Not answered.
     */
    RELEASE(0x03);

    private final int code;

    AdmissionKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<AdmissionKind> fromCode(int code) {
        for (AdmissionKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
