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

    /** The terminal's presence topic: its birth (non-empty, "version;readerErrors") or death (empty: last will). */
    public void presenceMessage(TerminalId terminal, byte[] payload) {
        if (payload.length == 0) {
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
            return;
        }
        seen(terminal);
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        String[] parts = text.split(";", -1);
        String version = parts[0].length() > 64 ? parts[0].substring(0, 64) : parts[0];
        long errors = 0;
        if (parts.length > 1) {
            try {
                errors = Long.parseLong(parts[1].trim());
            } catch (NumberFormatException ignored) {
                errors = 0;
            }
        }
        long readerErrors = errors;
        terminals.computeIfPresent(
                terminal,
                (t, old) -> new TerminalHealth(
                        t, true, old.lastSeen(), old.queueDepth(), readerErrors, old.clockSkewMs(), version));
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
