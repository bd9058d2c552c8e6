package io.fcs.central.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingTheMillisecondItWasMade() {
        Instant at = Instant.parse("2027-07-01T18:30:00.123Z");
        UUID id = new TimeOrderedIds(Clock.fixed(at, ZoneOffset.UTC)).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(TimeOrderedIds.millisOf(id)).isEqualTo(at.toEpochMilli());
        assertThat(id.toString())
                .startsWith(String.format("%08x-%04x-7", at.toEpochMilli() >>> 16, at.toEpochMilli() & 0xFFFF));
    }

    @Test
    void idsMadeLaterSortAfterIdsMadeEarlier() {
        Instant at = Instant.parse("2027-07-01T18:30:00Z");
        UUID earlier = new TimeOrderedIds(Clock.fixed(at, ZoneOffset.UTC)).next();
        UUID later = new TimeOrderedIds(Clock.fixed(at.plusMillis(1), ZoneOffset.UTC)).next();

        assertThat(earlier).isLessThan(later);
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void idsMadeInTheSameMillisecondStillDiffer() {
        TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(Instant.parse("2027-07-01T18:30:00Z"), ZoneOffset.UTC));
        Set<UUID> made = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            made.add(ids.next());
        }

        assertThat(made).hasSize(100_000);
    }

    @Test
    void aRandomUuidIsNotTakenForATimeOrderedOne() {
        assertThatThrownBy(() -> TimeOrderedIds.millisOf(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 7");
    }
}
