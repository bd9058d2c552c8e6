package io.fcs.protocol.ticket;

import static io.fcs.protocol.ticket.TicketExamples.FRIDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.value.FestivalTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketAdmissionTest {

    private final Ticket saturday = TicketExamples.saturday();

    @Test
    void aTicketAdmitsOnAValidDayInAnOpenZone() {
        assertThat(TicketAdmission.check(saturday, FRIDAY.plusDays(1), 0)).isEqualTo(new Admission.Admitted(saturday));
    }

    @Test
    void aTicketIsRefusedOnAnotherDay() {
        assertDenied(TicketAdmission.check(saturday, FRIDAY, 0), AdmissionRefusal.WRONG_DAY);
        assertDenied(TicketAdmission.check(saturday, FRIDAY.plusDays(2), 0), AdmissionRefusal.WRONG_DAY);
    }

    @Test
    void aTicketIsRefusedInAZoneItDoesNotOpen() {
        assertDenied(TicketAdmission.check(saturday, FRIDAY.plusDays(1), 1), AdmissionRefusal.WRONG_ZONE);
        assertDenied(TicketAdmission.check(saturday, FRIDAY.plusDays(1), 32), AdmissionRefusal.WRONG_ZONE);
        assertDenied(TicketAdmission.check(saturday, FRIDAY.plusDays(1), -1), AdmissionRefusal.WRONG_ZONE);
    }

    @Test
    void theNightAfterSaturdayStillCountsAsSaturdayUntilTheCutover() {
        FestivalTime time = FestivalTime.of("Europe/Paris");
        Instant sundayThreeAm = Instant.parse("2026-07-19T01:00:00Z");
        Instant sundaySevenAm = Instant.parse("2026-07-19T05:00:00Z");

        assertThat(TicketAdmission.check(saturday, time.festivalDay(sundayThreeAm), 0)
                        .isAdmitted())
                .isTrue();
        assertDenied(TicketAdmission.check(saturday, time.festivalDay(sundaySevenAm), 0), AdmissionRefusal.WRONG_DAY);
    }

    @Test
    void validDaysHaveOneCanonicalFormWithinThirtyTwoDays() {
        ValidDays days = ValidDays.of(FRIDAY.plusDays(2), FRIDAY);

        assertThat(days.first()).isEqualTo(FRIDAY);
        assertThat(days.mask()).isEqualTo(0b101);
        assertThat(days.days()).containsExactly(FRIDAY, FRIDAY.plusDays(2));
        assertThat(days.contains(FRIDAY.plusDays(1))).isFalse();
        assertThat(days.contains(FRIDAY.minusDays(1))).isFalse();
        assertThat(days.contains(FRIDAY.plusDays(64))).isFalse();
        assertThat(ValidDays.range(FRIDAY, FRIDAY.plusDays(31)).mask()).isEqualTo(-1);
        assertThatThrownBy(() -> ValidDays.of(FRIDAY, FRIDAY.plusDays(32)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidDays.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ValidDays(FRIDAY, 0b10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidDays.range(FRIDAY, FRIDAY.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidDays.of(ValidDays.LAST_ENCODABLE.plusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zonesAreNumberedZeroToThirtyOneAndATicketOpensAtLeastOne() {
        assertThat(Zones.of(0, 31).numbers()).containsExactly(0, 31);
        assertThat(Zones.ALL.contains(17)).isTrue();
        assertThatThrownBy(() -> Zones.of()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Zones.of(32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ticketFieldsAreChecked() {
        assertThatThrownBy(() -> saturday.withInitials("jd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> saturday.withInitials("ABCD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ticket(
                        saturday.id(),
                        saturday.festival(),
                        65536,
                        saturday.days(),
                        saturday.zones(),
                        saturday.initials()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertDenied(Admission admission, AdmissionRefusal reason) {
        assertThat(admission).isInstanceOfSatisfying(Admission.Denied.class, denied -> assertThat(denied.reason())
                .isEqualTo(reason));
    }
}
