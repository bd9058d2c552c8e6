package io.fcs.central.festival;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A festival as set up by its organisers. */
public record Festival(
        UUID id,
        String name,
        LocalDate startDate,
        LocalDate endDate,
        String venue,
        Status status,
        String currency,
        String timeZone,
        String dayCutover,
        long offlineAllowanceCents,
        long configVersion,
        Instant createdAt) {

    /** Life cycle; attendees see PUBLISHED, RUNNING and CLOSED festivals. */
    public enum Status {
        DRAFT,
        PUBLISHED,
        RUNNING,
        CLOSED,
        ARCHIVED;

        public boolean isPublic() {
            return this == PUBLISHED || this == RUNNING || this == CLOSED;
        }
    }
}
