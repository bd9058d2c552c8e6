package io.fcs.provisioning;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Progress of a long batch on one line: a bar, counts and rate. On a terminal the line is
 * redrawn in place with {@code \r}; otherwise (logs, pipes) each step prints a plain line.
 */
public final class Progress {

    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean inPlace;
    private final Clock clock;
    private final String label;
    private final int total;
    private final Instant started;
    private int done;
    private int skipped;
    private int failed;

    public Progress(PrintWriter out, boolean inPlace, Clock clock, String label, int total) {
        this.out = out;
        this.inPlace = inPlace;
        this.clock = clock;
        this.label = label;
        this.total = total;
        this.started = clock.instant();
    }

    public void step(String what) {
        done++;
        show(what);
    }

    public void skipped(String what) {
        done++;
        skipped++;
        show(what + " (skipped)");
    }

    public void failed(String what) {
        failed++;
        show(what + " (failed)");
    }

    public int done() {
        return done;
    }

    private void show(String what) {
        int filled = total == 0 ? WIDTH : Math.min(WIDTH, done * WIDTH / total);
        double seconds =
                Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
        String line = String.format(
                Locale.ROOT,
                "%s [%s%s] %d/%d %.1f/s%s%s %s",
                label,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                done,
                total,
                done / seconds,
                skipped > 0 ? " skipped " + skipped : "",
                failed > 0 ? " failed " + failed : "",
                what);
        if (inPlace) {
            out.print("\r" + line + "\033[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the progress line so that what follows starts on a fresh line. */
    public void finish() {
        if (inPlace) {
            out.println();
            out.flush();
        }
    }
}
