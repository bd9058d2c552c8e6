package io.fcs.terminal.device.qr;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Camera frames from a frame-grabber process that writes raw 8-bit grey frames of a fixed size to
 * its standard output, one after the other: by default {@code ffmpeg} reading a V4L2 camera
 * ({@link #ffmpegV4l2}). No native code in the JVM: the grabber is a separate program, and a
 * camera that goes away only ends that program. When it ends (camera unplugged, grabber
 * missing), {@link #grab()} answers empty and the grabber is started again after
 * {@code restartAfter}.
 */
public final class GrabberFrameSource implements FrameSource {

    /** The frame size the grabber writes: {@code width × height} bytes per frame. */
    public record Format(int width, int height) {
        public Format {
            if (width < 16 || height < 16 || width > 4096 || height > 4096) {
                throw new IllegalArgumentException(
                        "frame size must be 16..4096 pixels a side, was " + width + "x" + height);
            }
        }

        /** Parses {@code 640x480}. */
        public static Format parse(String text) {
            String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
            if (parts.length != 2) {
                throw new IllegalArgumentException("frame size is WIDTHxHEIGHT, was " + text);
            }
            try {
                return new Format(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("frame size is WIDTHxHEIGHT, was " + text, e);
            }
        }

        int bytes() {
            return width * height;
        }

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /**
     * {@code ffmpeg} reading a video file or stream URL (a recorded camera, an IP camera's RTSP
     * stream) and writing grey frames scaled to the given size.
     */
    public static List<String> ffmpegFile(String input, Format format) {
        return List.of(
                "ffmpeg",
                "-loglevel",
                "error",
                "-i",
                input,
                "-vf",
                "scale=" + format.width() + ":" + format.height(),
                "-f",
                "rawvideo",
                "-pix_fmt",
                "gray",
                "-");
    }

    /** {@code ffmpeg} reading a V4L2 camera and writing grey frames (Debian package {@code ffmpeg}). */
    public static List<String> ffmpegV4l2(String device, Format format, int framesPerSecond) {
        return List.of(
                "ffmpeg",
                "-loglevel",
                "error",
                "-f",
                "v4l2",
                "-framerate",
                Integer.toString(framesPerSecond),
                "-video_size",
                format.toString(),
                "-i",
                device,
                "-f",
                "rawvideo",
                "-pix_fmt",
                "gray",
                "-");
    }

    private final List<String> command;
    private final Format format;
    private final Duration restartAfter;
    private final Clock clock;
    private volatile Process process;
    private InputStream frames;
    private Instant nextStart = Instant.EPOCH;
    private volatile boolean closed;
    private volatile long grabbed;
    private volatile long starts;

    public GrabberFrameSource(List<String> command, Format format, Duration restartAfter, Clock clock) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty()) {
            throw new IllegalArgumentException("the frame grabber command is empty");
        }
        this.format = Objects.requireNonNull(format, "format");
        this.restartAfter = Objects.requireNonNull(restartAfter, "restartAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The next whole frame, or empty while the grabber is not running (it is restarted later). */
    @Override
    public synchronized Optional<BufferedImage> grab() {
        if (closed || !running()) {
            return Optional.empty();
        }
        BufferedImage frame = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        int read;
        try {
            read = frames.readNBytes(pixels, 0, pixels.length);
        } catch (IOException e) {
            read = -1;
        }
        if (read < pixels.length) {
            stop(); // the grabber ended (or closed): a partial frame is no frame
            nextStart = clock.instant().plus(restartAfter);
            return Optional.empty();
        }
        grabbed++;
        return Optional.of(frame);
    }

    private boolean running() {
        if (process != null) {
            return true;
        }
        if (clock.instant().isBefore(nextStart)) {
            return false;
        }
        starts++;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            frames = process.getInputStream();
            return true;
        } catch (IOException e) {
            process = null; // no such program, no camera: try again later
            nextStart = clock.instant().plus(restartAfter);
            return false;
        }
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
            frames = null;
        }
    }

    /** Frames grabbed whole since start. */
    public long grabbed() {
        return grabbed;
    }

    /** How many times the grabber was started. */
    public long starts() {
        return starts;
    }

    @Override
    public void close() {
        closed = true;
        Process running = process;
        if (running != null) {
            running.destroy(); // unblocks a grab waiting on the pipe
        }
        synchronized (this) {
            stop();
        }
    }
}
