package io.fcs.system.simulation;

import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.MessageType;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The festival's networks, simulated: the zone LANs (terminal ↔ edge) and the WAN (edge ↔
 * central). Every message may be dropped, duplicated, delayed (so reordered), replayed much later
 * or, for byte payloads, tampered with (one byte flipped); links are cut by partitions that the
 * run opens and heals. Delivery to a component that is down loses the message. Tampering hits
 * record batches only: they stand for forged batches a hostile client pushes into an inbox (on the
 * real links TLS rejects a flipped bit, and acknowledgements are only ever forged by a hop that
 * is itself compromised, which is out of this model).
 */
final class Network {

    /** A party on the network. */
    interface Endpoint {
        String name();

        boolean isUp();

        void receive(String from, Object message);
    }

    /** What the network did to messages, for the run's report. */
    static final class Counts {
        long sent;
        long delivered;
        long dropped;
        long duplicated;
        long replayed;
        long tampered;
        long lostToPartition;
        long lostToCrash;
    }

    private final FestivalSimulation sim;
    private final Map<String, Endpoint> endpoints = new TreeMap<>();
    private final TreeSet<String> cut = new TreeSet<>();
    private boolean faulty = true;
    final Counts counts = new Counts();

    Network(FestivalSimulation sim) {
        this.sim = sim;
    }

    void attach(Endpoint endpoint) {
        endpoints.put(endpoint.name(), endpoint);
    }

    /** Stops dropping, duplicating, replaying and tampering (the drain at the end of a run). */
    void heal() {
        faulty = false;
        cut.clear();
    }

    void cut(String a, String b) {
        cut.add(key(a, b));
    }

    void mend(String a, String b) {
        cut.remove(key(a, b));
    }

    boolean isCut(String a, String b) {
        return cut.contains(key(a, b));
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    void send(String from, String to, Object message) {
        counts.sent++;
        if (isCut(from, to)) {
            counts.lostToPartition++;
            return;
        }
        boolean wan = from.startsWith("C") || to.startsWith("C");
        if (faulty && sim.chance(0.03)) {
            counts.dropped++;
            sim.trace("net drop " + from + ">" + to + " " + label(message));
            return;
        }
        Object payload = message;
        if (faulty
                && message instanceof byte[] bytes
                && MessageCodec.peekType(bytes).orElse(null) == MessageType.RECORD_BATCH
                && sim.chance(0.01)) {
            byte[] copy = bytes.clone();
            int at = 4 + sim.nextInt(copy.length - 4);
            copy[at] ^= (byte) (1 + sim.nextInt(255));
            payload = copy;
            counts.tampered++;
        }
        schedule(from, to, payload, latency(wan));
        if (faulty && sim.chance(0.03)) {
            counts.duplicated++;
            schedule(from, to, message, latency(wan) * 2);
        }
        if (faulty && sim.chance(0.005)) {
            counts.replayed++;
            schedule(from, to, message, 20_000 + sim.nextInt(40_000));
        }
    }

    private long latency(boolean wan) {
        return wan ? 20 + sim.nextInt(250) : 1 + sim.nextInt(40);
    }

    private void schedule(String from, String to, Object message, long delay) {
        sim.scheduler().after(delay, () -> deliver(from, to, message));
    }

    private void deliver(String from, String to, Object message) {
        if (isCut(from, to)) {
            counts.lostToPartition++;
            return;
        }
        Endpoint target = endpoints.get(to);
        if (target == null || !target.isUp()) {
            counts.lostToCrash++;
            return;
        }
        counts.delivered++;
        target.receive(from, message);
    }

    static String label(Object message) {
        return message instanceof byte[] bytes
                ? "bytes[" + bytes.length + "]"
                : message.getClass().getSimpleName();
    }
}
