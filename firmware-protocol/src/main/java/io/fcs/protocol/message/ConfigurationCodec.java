package io.fcs.protocol.message;

import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Configuration body (after the 4-byte header, type 0x10). Big-endian.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       4     8  version (i64, &gt;= 1)
 *      12     2  time zone length Z (u16, 1..64)
 *      14     Z  time zone, IANA id in canonical form (UTF-8), e.g. "Europe/Brussels"
 *       .     2  day cut-over, minutes after local midnight (u16, 0..1439)
 *       .     8  offline allowance per wristband, minor units (i64, &gt;= 0)
 *       .     3  offline allowance currency (ASCII A-Z)
 *       .     4  offline allowance period, seconds (i32, &gt;= 1)
 *       .     2  setting count n (u16, 0..1024)
 *       .        n times, keys strictly ascending:
 *                  1  key length K (u8, 1..64)
 *                  K  key, ASCII [a-z0-9._-]
 *                  2  value length V (u16, 0..4096)
 *                  V  value (UTF-8)
 * </pre>
 */
final class ConfigurationCodec implements BodyCodec<Configuration> {

    static final int MINUTES_PER_DAY = 24 * 60;
    /** The smallest setting: 1-byte key length, 1-byte key, 2-byte value length. */
    static final int MIN_SETTING_BYTES = 4;

    @Override
    public MessageType type() {
        return MessageType.CONFIGURATION;
    }

    @Override
    public Class<Configuration> messageClass() {
        return Configuration.class;
    }

    @Override
    public void write(Configuration config, WireWriter out) {
        LocalTime cutover = config.festivalTime().dayCutover();
        out.i64(config.version())
                .text(config.festivalTime().zone().getId())
                .u16(cutover.getHour() * 60 + cutover.getMinute())
                .money(config.offlineAllowance())
                .i32((int) config.offlineAllowancePeriod().getSeconds())
                .u16(config.settings().size());
        for (Map.Entry<String, String> setting : config.settings().entrySet()) {
            out.key(setting.getKey()).text(setting.getValue());
        }
    }

    @Override
    public Configuration read(WireReader in) throws WireReader.Refusal {
        long version = in.i64AtLeast("version", 1);
        String zoneText = in.text("time zone", 1, Configuration.MAX_TIME_ZONE_BYTES);
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "unknown time zone " + zoneText);
        }
        if (!zone.getId().equals(zoneText)) {
            throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "time zone not in canonical form: " + zoneText);
        }
        int cutover = in.u16("day cut-over");
        if (cutover >= MINUTES_PER_DAY) {
            throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "day cut-over minute " + cutover);
        }
        Money allowance = in.moneyNonNegative("offline allowance");
        int periodSeconds = in.u31("offline allowance period");
        if (periodSeconds < 1) {
            throw WireReader.refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, "offline allowance period is 0 s");
        }
        int count = in.count16("setting count", Configuration.MAX_SETTINGS, MIN_SETTING_BYTES);
        TreeMap<String, String> settings = new TreeMap<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String key = in.key("setting " + i + " key");
            if (previous != null && key.compareTo(previous) <= 0) {
                throw WireReader.refuse(
                        DecodeRefusal.FIELD_OUT_OF_RANGE, "setting keys not strictly ascending at " + key);
            }
            previous = key;
            settings.put(key, in.text("setting " + key, 0, Configuration.MAX_VALUE_BYTES));
        }
        return new Configuration(
                version,
                new FestivalTime(zone, LocalTime.of(cutover / 60, cutover % 60)),
                allowance,
                Duration.ofSeconds(periodSeconds),
                settings);
    }
}
