package io.fcs.terminal.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.WriterException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera adapter end to end with generated frames: a grabber program ({@code cat} of a file of
 * raw grey frames, standing in for ffmpeg on a V4L2 camera) feeds the ZXing decoder.
 */
class GrabberFrameSourceTest {

    private static final GrabberFrameSource.Format FORMAT = new GrabberFrameSource.Format(320, 240);
    private static final String TICKET = "FT1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEPWK G2EP4J0BGJLFX+A";

    @TempDir
    Path dir;

    static byte[] frameWith(String text, GrabberFrameSource.Format format, long seed) throws WriterException {
        return QrFrames.frameWith(text, format, seed);
    }

    static byte[] noiseFrame(GrabberFrameSource.Format format, long seed) {
        return QrFrames.noiseFrame(format, seed);
    }

    private Path framesFile(byte[]... frames) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.write(frame);
        }
        return Files.write(dir.resolve("frames.raw"), out.toByteArray());
    }

    @Test
    void aTicketShownToTheCameraIsDecodedFromTheGrabbedFramesAndDeliveredOnce() throws Exception {
        Path file = framesFile(
                noiseFrame(FORMAT, 1),
                frameWith(TICKET, FORMAT, 2),
                frameWith(TICKET, FORMAT, 3),
                noiseFrame(FORMAT, 4));
        GrabberFrameSource frames =
                new GrabberFrameSource(List.of("cat", file.toString()), FORMAT, Duration.ofHours(1), Clock.systemUTC());
        List<String> codes = new CopyOnWriteArrayList<>();
        // a still clock: the ticket stays in view, so it is one scan however slow the machine is
        CameraQrScanner camera =
                new CameraQrScanner(frames, Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));

        camera.start(codes::add);
        for (int i = 0; i < 400 && frames.grabbed() < 4; i++) {
            Thread.sleep(25); // the fourth frame is grabbed once the first three were decoded
        }
        camera.close();

        assertThat(frames.grabbed()).isEqualTo(4);
        assertThat(codes).containsExactly(TICKET);
    }

    @Test
    void aPartialFrameIsNoFrameAndTheGrabberIsStartedAgainWhenItEnds() throws Exception {
        byte[] whole = frameWith(TICKET, FORMAT, 4);
        byte[] half = java.util.Arrays.copyOf(whole, whole.length / 2);
        Path file = framesFile(whole, half);
        try (GrabberFrameSource frames =
                new GrabberFrameSource(List.of("cat", file.toString()), FORMAT, Duration.ZERO, Clock.systemUTC())) {

            Optional<java.awt.image.BufferedImage> first = frames.grab();
            Optional<java.awt.image.BufferedImage> partial = frames.grab();
            Optional<java.awt.image.BufferedImage> again = frames.grab();

            assertThat(first).hasValueSatisfying(f -> assertThat(new QrDecoder().decode(f))
                    .contains(TICKET));
            assertThat(partial).isEmpty();
            assertThat(again).isPresent();
            assertThat(frames.starts()).isEqualTo(2);
        }
    }

    @Test
    void aMissingGrabberGivesNoFramesAndIsTriedAgainOnlyAfterTheDelay() {
        try (GrabberFrameSource frames = new GrabberFrameSource(
                List.of(dir.resolve("no-such-grabber").toString()), FORMAT, Duration.ofHours(1), Clock.systemUTC())) {

            assertThat(frames.grab()).isEmpty();
            assertThat(frames.grab()).isEmpty();
            assertThat(frames.starts()).isEqualTo(1);
        }
    }

    @Test
    void theDefaultGrabberIsFfmpegReadingTheV4l2CameraAsGreyFramesOfTheGivenSize() {
        List<String> command =
                GrabberFrameSource.ffmpegV4l2("/dev/video2", GrabberFrameSource.Format.parse("640x480"), 15);

        assertThat(command).startsWith("ffmpeg").contains("v4l2", "/dev/video2", "640x480", "rawvideo", "gray");
        assertThat(command).endsWith("-");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GrabberFrameSource.Format.parse("640*480"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new GrabberFrameSource.Format(8, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
