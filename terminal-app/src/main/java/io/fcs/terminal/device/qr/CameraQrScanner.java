package io.fcs.terminal.device.qr;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decodes QR codes from camera frames on its own thread. A code that stays in front of the
 * camera is delivered once, and again only after it has been out of sight for
 * {@link #REPEAT_AFTER}: a ticket held still is one scan, not thirty a second.
 */
public final class CameraQrScanner implements QrScanner {

    static final Duration REPEAT_AFTER = Duration.ofSeconds(3);

    private final FrameSource frames;
    private final Clock clock;
    private final QrDecoder decoder = new QrDecoder();
    private volatile Consumer<String> listener = text -> {};
    private volatile boolean running;
    private Thread thread;
    private String lastText;
    private Instant lastSeen = Instant.EPOCH;

    public CameraQrScanner(FrameSource frames, Clock clock) {
        this.frames = frames;
        this.clock = clock;
    }

    @Override
    public synchronized void start(Consumer<String> listener) {
        this.listener = listener;
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("qr-camera").start(this::run);
        }
    }

    private void run() {
        while (running) {
            try {
                Optional<BufferedImage> frame = frames.grab();
                if (frame.isEmpty()) {
                    Thread.sleep(100);
                    continue;
                }
                onFrame(frame.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Decodes one frame and delivers its code unless it is the same code still in view. */
    void onFrame(BufferedImage frame) {
        Optional<String> text = decoder.decode(frame);
        if (text.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        boolean repeat = text.get().equals(lastText) && now.isBefore(lastSeen.plus(REPEAT_AFTER));
        lastText = text.get();
        lastSeen = now;
        if (!repeat) {
            listener.accept(text.get());
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
        frames.close();
    }
}
