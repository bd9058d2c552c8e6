package io.fcs.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class FestivalTimeTest {

    private final FestivalTime paris = FestivalTime.of("Europe/Paris");
    private final LocalDate friday = LocalDate.of(2026, 7, 17);

    @Test
    void theNightBelongsToThePreviousDayUntilTheCutover() {
        // Paris is UTC+2 in July
        assertThat(paris.festivalDay(Instant.parse("2026-07-17T21:00:00Z"))).isEqualTo(friday);
        assertThat(paris.festivalDay(Instant.parse("2026-07-17T22:30:00Z"))).isEqualTo(friday);
        assertThat(paris.festivalDay(Instant.parse("2026-07-18T03:59:59Z"))).isEqualTo(friday);
    }

    @Test
    void theNewDayStartsExactlyAtTheCutover() {
        assertThat(paris.festivalDay(Instant.parse("2026-07-18T04:00:00Z"))).isEqualTo(friday.plusDays(1));
    }

    @Test
    void aFestivalMayChooseAnotherCutover() {
        FestivalTime lateNight = new FestivalTime(java.time.ZoneId.of("Europe/Paris"), LocalTime.of(8, 0));

        assertThat(lateNight.festivalDay(Instant.parse("2026-07-18T05:30:00Z"))).isEqualTo(friday);
        assertThat(paris.festivalDay(Instant.parse("2026-07-18T05:30:00Z"))).isEqualTo(friday.plusDays(1));
    }

    @Test
    void theDayFollowsTheFestivalsZoneNotUtc() {
        FestivalTime newYork = FestivalTime.of("America/New_York");
        Instant instant = Instant.parse("2026-07-18T09:00:00Z");

        assertThat(newYork.festivalDay(instant)).isEqualTo(friday);
        assertThat(paris.festivalDay(instant)).isEqualTo(friday.plusDays(1));
    }

    @Test
    void theCutoverHoldsAcrossTheAutumnClockChange() {
        // 2026-10-25: Paris goes from UTC+2 to UTC+1 at 03:00 local
        assertThat(paris.festivalDay(Instant.parse("2026-10-25T04:59:00Z"))).isEqualTo(LocalDate.of(2026, 10, 24));
        assertThat(paris.festivalDay(Instant.parse("2026-10-25T05:00:00Z"))).isEqualTo(LocalDate.of(2026, 10, 25));
    }

    @Test
    void clockShowsLocalHoursAndMinutes() {
        assertThat(paris.clock(Instant.parse("2026-07-17T19:04:59Z"))).isEqualTo("21:04");
    }

    @Test
    void anUnknownZoneOrMissingPartsAreRefused() {
        assertThatThrownBy(() -> FestivalTime.of("Mars/Olympus")).isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(() -> new FestivalTime(null, LocalTime.NOON)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FestivalTime(java.time.ZoneId.of("UTC"), null))
                .isInstanceOf(NullPointerException.class);
    }
}
