package io.fcs.edge.presence;

import io.fcs.protocol.value.TerminalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fleet health of the zone: every terminal's birth and death (its retained presence message and
 * last will), last seen, outbox depth, reader errors, clock skew and app version, as the edge
 * observes them from the terminals' traffic. Sent up to central as {@code POST /sync/v1/presence}.
 */
public final class Presence {

    /** What the edge knows of one terminal. */
    public record TerminalHealth(
            TerminalId terminal,
            boolean online,
            Instant lastSeen,
            int queueDepth,
            long readerErrors,
            long clockSkewMs,
            String appVersion) {}

    private final Map<TerminalId, TerminalHealth> terminals = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration offlineAfter;

    public Presence(Clock clock, Duration offlineAfter) {
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** Any message from the terminal: it is alive now. */
    public void seen(TerminalId terminal) {
        Instant now = clock.instant();
        terminals.merge(
                terminal,
                new TerminalHealth(terminal, true, now, 0, 0, 0, ""),
                (old, x) -> new TerminalHealth(
                        terminal,
                        true,
                        now,
                        old.queueDepth(),
                        old.readerErrors(),
                        old.clockSkewMs(),
                        old.appVersion()));
    }

    /** A record batch told how many records the terminal still holds. */
    public void queueDepth(TerminalId terminal, int depth) {
        seen(terminal);
        terminals.computeIfPresent(
                terminal,
                (t, old) -> new TerminalHealth(
                        t, true, old.lastSeen(), depth, old.readerErrors(), old.clockSkewMs(), old.appVersion()));
    }

    /** A request carried the terminal's clock: skew = terminal clock − edge clock. */
    public void clock(TerminalId terminal, Instant terminalTime) {
        seen(terminal);
        long skew = Duration.between(clock.instant(), terminalTime).toMillis();
        terminals.computeIfPresent(
                terminal,
                (t, old) -> new TerminalHealth(
                        t, true, old.lastSeen(), old.queueDepth(), old.readerErrors(), skew, old.appVersion()));
    }

    /** Why a presence message was not taken. */
    public enum PresenceRefusal {
        UNDECODABLE,
        NOT_THIS_TERMINAL
    }

    /**
     * The terminal's retained presence topic: a protocol {@code Presence} message (birth, alive,
     * or death, the last will included), or an empty payload (the retained message cleared).
     * Answers why it was not taken, if it was not.
     */
    public java.util.Optional<PresenceRefusal> presenceMessage(TerminalId terminal, byte[] payload) {
        if (payload.length == 0) {
            markOffline(terminal);
            return java.util.Optional.empty();
        }
        var decoded =
                io.fcs.protocol.message.MessageCodec.standard().decode(payload, io.fcs.protocol.message.Presence.class);
        if (!(decoded instanceof io.fcs.protocol.message.DecodeResult.Decoded<io.fcs.protocol.message.Presence> ok)) {
            return java.util.Optional.of(PresenceRefusal.UNDECODABLE);
        }
        io.fcs.protocol.message.Presence p = ok.message();
        if (!(p.device() instanceof io.fcs.protocol.message.Presence.Terminal t)
                || !t.terminalId().equals(terminal)) {
            return java.util.Optional.of(PresenceRefusal.NOT_THIS_TERMINAL);
        }
        if (p.state() == io.fcs.protocol.message.Presence.State.DEATH) {
            markOffline(terminal);
            return java.util.Optional.empty();
        }
        Instant now = clock.instant();
        long skew = Duration.between(now, p.lastSeen()).toMillis();
        terminals.put(
                terminal,
                new TerminalHealth(
                        terminal,
                        true,
                        now,
                        p.queueDepth(),
                        p.readerErrors(),
                        p.lastWill() ? 0 : skew,
                        p.appVersion()));
        return java.util.Optional.empty();
    }

    private void markOffline(TerminalId terminal) {
        terminals.computeIfPresent(
                terminal,
                (t, old) -> new TerminalHealth(
                        t,
                        false,
                        old.lastSeen(),
                        old.queueDepth(),
                        old.readerErrors(),
                        old.clockSkewMs(),
                        old.appVersion()));
    }

    public List<TerminalHealth> snapshot() {
        Instant now = clock.instant();
        List<TerminalHealth> out = new ArrayList<>();
        for (TerminalHealth h : terminals.values()) {
            boolean online = h.online() && h.lastSeen().plus(offlineAfter).isAfter(now);
            out.add(new TerminalHealth(
                    h.terminal(),
                    online,
                    h.lastSeen(),
                    h.queueDepth(),
                    h.readerErrors(),
                    h.clockSkewMs(),
                    h.appVersion()));
        }
        return out;
    }

    public long online() {
        return snapshot().stream().filter(TerminalHealth::online).count();
    }

    /** The body of {@code POST /sync/v1/presence} (CONTRACTS.md). */
    public Map<String, Object> report(String edgeId, String zoneId, long backlog) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("edgeId", edgeId);
        body.put("zoneId", zoneId);
        body.put("sentAt", clock.instant().toString());
        body.put("backlog", backlog);
        List<Map<String, Object>> list = new ArrayList<>();
        for (TerminalHealth h : snapshot()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("terminalId", h.terminal().toString());
            t.put("online", h.online());
            t.put("lastSeen", h.lastSeen().toString());
            t.put("queueDepth", h.queueDepth());
            t.put("readerErrors", h.readerErrors());
            t.put("clockSkewMs", h.clockSkewMs());
            t.put("appVersion", h.appVersion());
            list.add(t);
        }
        body.put("terminals", list);
        return body;
    }
}
