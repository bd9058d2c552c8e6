package io.fcs.terminal.device.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QrScannersTest {

    private static final String TICKET = "NCF0$PN:A5.9*BO+4TU3*%K-71QVB8XSQ/2.DH84-%/7A2OTCUV.L6 HM1E3XHVYM:J:F8";

    static BufferedImage qr(String text) throws Exception {
        var matrix = new QRCodeWriter()
                .encode(
                        text,
                        BarcodeFormat.QR_CODE,
                        400,
                        400,
                        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        return MatrixToImageWriter.toBufferedImage(matrix);
    }

    @Test
    void keyboardWedgeDeliversOneCodePerLineInUsLayoutCharacters() {
        KeyboardWedgeScanner wedge = new KeyboardWedgeScanner();
        List<String> codes = new ArrayList<>();
        wedge.start(codes::add);

        wedge.typed(TICKET);
        wedge.typed("\r");
        wedge.typed("ABC\u00e9");
        wedge.typed("\n");
        wedge.typed("\n");

        assertThat(codes).containsExactly(TICKET, "ABC");
    }

    @Test
    void keyboardWedgeDiscardsAnOverlongLineInsteadOfCuttingIt() {
        KeyboardWedgeScanner wedge = new KeyboardWedgeScanner();
        List<String> codes = new ArrayList<>();
        wedge.start(codes::add);

        wedge.typed("A".repeat(KeyboardWedgeScanner.MAX_LINE + 5) + "\r");
        wedge.typed("OK\r");

        assertThat(codes).containsExactly("OK");
    }

    @Test
    void cameraDecodesAQrCodeFromAFrameOnceWhileItStaysInView() throws Exception {
        Instant[] now = {Instant.parse("2026-07-10T20:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        CameraQrScanner camera = new CameraQrScanner(() -> Optional.empty(), clock);
        List<String> codes = new ArrayList<>();
        camera.start(codes::add);
        BufferedImage frame = qr(TICKET);

        camera.onFrame(frame);
        camera.onFrame(frame);
        now[0] = now[0].plusSeconds(10);
        camera.onFrame(frame);
        camera.close();

        assertThat(codes).containsExactly(TICKET, TICKET);
    }

    @Test
    void aFrameWithoutACodeGivesNothing() {
        assertThat(new QrDecoder().decode(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB)))
                .isEmpty();
    }

    @Test
    void simulatedScannerInjectsMisreads() {
        SimulatedQrScanner scanner = new SimulatedQrScanner();
        List<String> codes = new ArrayList<>();
        scanner.start(codes::add);

        scanner.scan("HELLO", SimulatedQrScanner.Fault.GARBLED);
        scanner.scan("HELLO", SimulatedQrScanner.Fault.TRUNCATED);
        scanner.scan("HELLO", SimulatedQrScanner.Fault.DUPLICATE);

        assertThat(codes).containsExactly("HEALO", "HE", "HELLO", "HELLO");
    }
}
