package io.fcs.system.simulation;

import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Virtual time: a queue of actions ordered by (due time, insertion order), run one at a time on
 * the caller's thread. Nothing here reads the wall clock.
 */
final class Scheduler {

    /** A component that stopped in the middle of an action (after a durable write). */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(String component) {
            super(component, null, false, false);
        }
    }

    private record Task(long due, long order, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task other) {
            int byTime = Long.compare(due, other.due);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    static final Instant EPOCH = Instant.parse("2026-07-03T14:00:00Z");

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long order;
    private long executed;

    long now() {
        return now;
    }

    Instant instant() {
        return EPOCH.plusMillis(now);
    }

    long executed() {
        return executed;
    }

    void after(long delayMillis, Runnable action) {
        queue.add(new Task(now + Math.max(0, delayMillis), order++, action));
    }

    /** Runs every action due up to {@code until} (virtual ms); a crash ends only its own action. */
    void runUntil(long until) {
        while (!queue.isEmpty() && queue.peek().due() <= until) {
            Task task = queue.poll();
            now = task.due();
            executed++;
            try {
                task.action().run();
            } catch (Crash crashed) {
                // the component is down; its restart is already scheduled
            }
        }
        now = Math.max(now, until);
    }
}
