package io.fcs.system.simulation;

/**
 * Everything a simulated festival run depends on besides its seed's randomness: how big it is,
 * how long traffic lasts, how hostile the network and the devices are. Two runs of the same
 * scenario are the same run, event for event.
 *
 * @param seed the one seed all randomness of the run comes from
 * @param terminals POS, kiosks and gates together (at least 3)
 * @param wristbands attendees, each with an AES-class wristband and a wallet (at least 1)
 * @param trafficMinutes virtual minutes of attendee traffic before the drain
 * @param planted a bug planted on purpose (tests prove the invariant checker catches it)
 */
public record Scenario(long seed, int terminals, int wristbands, int trafficMinutes, PlantedFault planted) {

    public static final int DEFAULT_TERMINALS = 200;
    public static final int DEFAULT_WRISTBANDS = 400;
    public static final int DEFAULT_MINUTES = 2;

    public Scenario {
        if (terminals < 3) {
            throw new IllegalArgumentException("a festival needs at least 3 terminals, was " + terminals);
        }
        if (wristbands < 1 || wristbands > 1_000_000) {
            throw new IllegalArgumentException("wristbands must be 1..1000000, was " + wristbands);
        }
        if (trafficMinutes < 1 || trafficMinutes > 24 * 60) {
            throw new IllegalArgumentException("traffic minutes must be 1..1440, was " + trafficMinutes);
        }
        if (planted == null) {
            throw new IllegalArgumentException("planted fault must be given (NONE for a normal run)");
        }
    }

    public static Scenario of(long seed, int terminals, int wristbands, int trafficMinutes) {
        return new Scenario(seed, terminals, wristbands, trafficMinutes, PlantedFault.NONE);
    }

    public Scenario withPlanted(PlantedFault fault) {
        return new Scenario(seed, terminals, wristbands, trafficMinutes, fault);
    }

    /** One zone (edge) per 70 terminals, at least two. */
    int zones() {
        return Math.max(2, terminals / 70);
    }

    /** The command that replays exactly this run. */
    public String replayCommand() {
        return "./mvnw -q -pl system -am -DskipTests package exec:exec@simulation -Dsim.first-seed=" + seed
                + " -Dsim.seeds=1 -Dsim.terminals=" + terminals + " -Dsim.wristbands=" + wristbands + " -Dsim.minutes="
                + trafficMinutes
                + (planted == PlantedFault.NONE ? "" : " (planted fault " + planted + ": test-only)");
    }

    /** Bugs the simulation can plant in its own components, to prove the checker is not blind. */
    public enum PlantedFault {
        NONE,
        /** Central posts a record again when a duplicate delivery of it arrives. */
        DOUBLE_APPLY_DUPLICATES,
        /** The edge forgets a terminal's records it acknowledged when it restarts. */
        EDGE_LOSES_RECORDS_ON_RESTART
    }
}
