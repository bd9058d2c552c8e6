package io.fcs.protocol.message;

import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A zone's configuration, versioned: the festival clock (time zone and day cut-over), the offline
 * allowance per wristband and period, and further settings as key/values (zone rules such as
 * {@code zone.anti-passback=true}, {@code zone.reentry=false}; keys {@code [a-z0-9._-]}, 1..64
 * characters). A receiver keeps the highest version it has seen.
 *
 * @param offlineAllowance what one wristband may spend offline (flagged) per period; 0 disables
 * @param offlineAllowancePeriod the period the allowance renews over, whole seconds, at least 1 s
 */
public record Configuration(
        long version,
        FestivalTime festivalTime,
        Money offlineAllowance,
        Duration offlineAllowancePeriod,
        SortedMap<String, String> settings)
        implements Message {

    public static final int MAX_SETTINGS = 1024;
    public static final int MAX_VALUE_BYTES = 4096;
    public static final int MAX_TIME_ZONE_BYTES = 64;

    public Configuration {
        Fields.version("version", version);
        Objects.requireNonNull(festivalTime, "festivalTime");
        if (festivalTime.dayCutover().getSecond() != 0
                || festivalTime.dayCutover().getNano() != 0) {
            throw new IllegalArgumentException("day cut-over is whole minutes, was " + festivalTime.dayCutover());
        }
        Fields.text("time zone", festivalTime.zone().getId(), 1, MAX_TIME_ZONE_BYTES);
        Fields.nonNegative("offlineAllowance", offlineAllowance);
        Objects.requireNonNull(offlineAllowancePeriod, "offlineAllowancePeriod");
        if (offlineAllowancePeriod.getNano() != 0
                || offlineAllowancePeriod.getSeconds() < 1
                || offlineAllowancePeriod.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("offline allowance period is 1.." + Integer.MAX_VALUE
                    + " whole seconds, was " + offlineAllowancePeriod);
        }
        Objects.requireNonNull(settings, "settings");
        if (settings.size() > MAX_SETTINGS) {
            throw new IllegalArgumentException("at most " + MAX_SETTINGS + " settings, was " + settings.size());
        }
        TreeMap<String, String> copy = new TreeMap<>();
        settings.forEach((key, value) ->
                copy.put(Fields.key("setting key", key), Fields.text("setting " + key, value, 0, MAX_VALUE_BYTES)));
        settings = Collections.unmodifiableSortedMap(copy);
    }

    public static Configuration of(
            long version,
            FestivalTime festivalTime,
            Money offlineAllowance,
            Duration offlineAllowancePeriod,
            Map<String, String> settings) {
        return new Configuration(
                version, festivalTime, offlineAllowance, offlineAllowancePeriod, new TreeMap<>(settings));
    }

    @Override
    public MessageType type() {
        return MessageType.CONFIGURATION;
    }
}
