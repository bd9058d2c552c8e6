package io.fcs.central.festival;

import java.util.UUID;

/**
 * A zone of a festival; {@code number} (0..31) is how QR tickets and gates name it. {@code
 * reentry} ({@code NONE} | {@code ALLOWED} | {@code AFTER_EXIT}) and {@code
 * reentryCooldownSeconds} say when a credential admitted before may enter again (decision 0151);
 * {@code offlineSharePercent} is the zone's share of the festival's offline allowance per
 * wristband, null for an equal split of what the other zones leave (decision 0232).
 */
public record Zone(
        UUID id,
        UUID festivalId,
        int number,
        String name,
        String kind,
        Integer capacity,
        String reentry,
        int reentryCooldownSeconds,
        Integer offlineSharePercent) {

    /** How a zone treats a credential admitted before. */
    public enum Reentry {
        /** One admission per credential. */
        NONE,
        /** Again once the cool-down since the last admission has passed. */
        ALLOWED,
        /** Again only after an exit scan that followed the last admission, and the cool-down. */
        AFTER_EXIT
    }

    /** The longest re-entry cool-down: one day. */
    public static final int MAX_COOLDOWN_SECONDS = 86_400;

    /** A zone's entry and offline rules; {@code offlineSharePercent} null = equal split. */
    public record Rules(Reentry reentry, int reentryCooldownSeconds, Integer offlineSharePercent) {
        public static final Rules DEFAULT = new Rules(Reentry.NONE, 0, null);
    }
}
