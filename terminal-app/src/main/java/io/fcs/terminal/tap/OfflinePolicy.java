package io.fcs.terminal.tap;

import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import java.time.Instant;

/**
 * How much one wristband may spend on this terminal while the edge is unreachable, per festival
 * day (configurable, downlinked). Zero disables offline sales.
 */
public record OfflinePolicy(Money allowancePerDay, FestivalTime festivalTime) {

    public String period(Instant at) {
        return festivalTime.festivalDay(at).toString();
    }
}
