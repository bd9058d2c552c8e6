package io.fcs.terminal.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.testing.SystemPackages;
import io.fcs.protocol.ticket.Ticket;
import io.fcs.protocol.ticket.TicketIssuer;
import io.fcs.protocol.ticket.TicketVerification;
import io.fcs.protocol.ticket.TicketVerifier;
import io.fcs.protocol.ticket.ValidDays;
import io.fcs.protocol.ticket.Zones;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TicketId;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera adapter with the real frame grabber: Debian's ffmpeg decodes a short video of two
 * signed festival tickets shown one after the other (made by ffmpeg from ZXing-rendered images,
 * lossy MPEG-4 like a camera stream) into raw grey frames, and the scanner decodes both tickets
 * from them, each once (decision 0169).
 */
class FfmpegCameraIT {

    private static final GrabberFrameSource.Format FORMAT = new GrabberFrameSource.Format(480, 360);
    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final Ed25519.SigningKey TICKET_KEY = Ed25519.generate();

    @TempDir
    Path dir;

    private static String ticket() {
        return new TicketIssuer(TICKET_KEY)
                .issue(Ticket.of(TicketId.random(), FESTIVAL, 3, ValidDays.of(LocalDate.of(2026, 7, 10)), Zones.of(1)));
    }

    /** A camera-sized picture: the ticket's QR on a sheet held in front of a grey background, or nothing. */
    private static BufferedImage picture(String text) throws Exception {
        BufferedImage image = new BufferedImage(FORMAT.width(), FORMAT.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 90, 100));
        g.fillRect(0, 0, FORMAT.width(), FORMAT.height());
        if (text != null) {
            int side = FORMAT.height() - 40;
            BitMatrix matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            side,
                            side,
                            Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            g.drawImage(MatrixToImageWriter.toBufferedImage(matrix), (FORMAT.width() - side) / 2, 20, null);
        }
        g.dispose();
        return image;
    }

    /** Pictures {@code img-000.png}…, then ffmpeg makes an MPEG-4 video of them at 10 frames a second. */
    private Path video(List<String> shown, Path ffmpeg) throws Exception {
        for (int i = 0; i < shown.size(); i++) {
            ImageIO.write(
                    picture(shown.get(i)),
                    "png",
                    dir.resolve("img-%03d.png".formatted(i)).toFile());
        }
        Path video = dir.resolve("tickets.mp4");
        Process encode = new ProcessBuilder(
                        ffmpeg.toString(),
                        "-loglevel",
                        "error",
                        "-framerate",
                        "10",
                        "-i",
                        dir.resolve("img-%03d.png").toString(),
                        "-c:v",
                        "mpeg4",
                        "-q:v",
                        "4",
                        "-pix_fmt",
                        "yuv420p",
                        video.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("encode.log").toFile())
                .start();
        assertThat(encode.waitFor(60, TimeUnit.SECONDS))
                .as("ffmpeg encoded the video")
                .isTrue();
        assertThat(encode.exitValue())
                .as("ffmpeg: %s", Files.readString(dir.resolve("encode.log")))
                .isZero();
        return video;
    }

    @Test
    void ticketsShownInAVideoAreDecodedThroughFfmpegAsTheFrameGrabber() throws Exception {
        Path ffmpeg = SystemPackages.require("ffmpeg", "/usr/bin/ffmpeg");
        String first = ticket();
        String second = ticket();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            shown.add(i < 4 ? null : i < 12 ? first : i < 17 ? null : i < 25 ? second : null);
        }
        Path video = video(shown, ffmpeg);
        List<String> command = new ArrayList<>(GrabberFrameSource.ffmpegFile(video.toString(), FORMAT));
        command.set(0, ffmpeg.toString());
        // frames at the video's own rate, as a camera gives them: read as fast as the disk allows,
        // a JIT-cold decoder could miss every frame of the first ticket (the scanner decodes the
        // latest frame and drops the ones that arrived meanwhile)
        command.add(1, "-re");
        GrabberFrameSource frames = new GrabberFrameSource(command, FORMAT, Duration.ofHours(1), Clock.systemUTC());
        List<String> codes = new CopyOnWriteArrayList<>();
        // a still clock: a ticket that stays in view is one scan however slow the machine is
        CameraQrScanner camera = new CameraQrScanner(frames, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        camera.start(codes::add);
        for (int i = 0; i < 1200 && frames.grabbed() < shown.size(); i++) {
            Thread.sleep(25);
        }
        for (int i = 0; i < 200 && codes.size() < 2; i++) {
            Thread.sleep(25);
        }
        camera.close();

        assertThat(frames.grabbed()).isEqualTo(shown.size());
        assertThat(codes).containsExactly(first, second);
        TicketVerifier verifier = new TicketVerifier(FESTIVAL, List.of(TICKET_KEY.verificationKey()));
        assertThat(codes)
                .allSatisfy(code -> assertThat(verifier.verify(code)).isInstanceOf(TicketVerification.Authentic.class));
    }
}
