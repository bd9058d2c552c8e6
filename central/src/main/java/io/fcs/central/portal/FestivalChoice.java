package io.fcs.central.portal;

import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.web.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Which festival a portal page is about: the one named by {@code ?festival=}, else the next
 * public festival that has not ended (else the latest). Attendees only ever see public
 * festivals (PUBLISHED, RUNNING, CLOSED); another id is a 404 as if it did not exist.
 */
@Component
class FestivalChoice {

    private final Festivals festivals;
    private final Clock clock;

    FestivalChoice(Festivals festivals, Clock clock) {
        this.festivals = festivals;
        this.clock = clock;
    }

    List<Festival> visible() {
        return festivals.publicFestivals();
    }

    /** The festival asked for, or the default one; empty only when no festival is public. */
    java.util.Optional<Festival> pick(String asked) {
        if (asked != null && !asked.isBlank()) {
            UUID id;
            try {
                id = UUID.fromString(asked.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.notFound("festival");
            }
            Festival festival = festivals.find(id).orElseThrow(() -> ApiException.notFound("festival"));
            if (!festival.status().isPublic()) {
                throw ApiException.notFound("festival");
            }
            return java.util.Optional.of(festival);
        }
        List<Festival> all = visible();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return all.stream()
                .filter(f -> !f.endDate().isBefore(today))
                .findFirst()
                .or(() -> all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.getLast()));
    }
}
