package io.fcs.terminal.device.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.util.Map;
import java.util.Random;

/** Generated camera frames, raw 8-bit grey as a frame grabber writes them. */
public final class QrFrames {

    private QrFrames() {}

    /** A grey frame with the QR code in it, slightly noisy like a camera's. */
    public static byte[] frameWith(String text, GrabberFrameSource.Format format, long seed) throws WriterException {
        int side = Math.min(format.width(), format.height()) - 20;
        BitMatrix matrix =
                new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, side, side, Map.of(EncodeHintType.MARGIN, 2));
        byte[] frame = new byte[format.width() * format.height()];
        Random noise = new Random(seed);
        int left = (format.width() - side) / 2;
        int top = (format.height() - side) / 2;
        for (int y = 0; y < format.height(); y++) {
            for (int x = 0; x < format.width(); x++) {
                boolean inCode = x >= left && x < left + side && y >= top && y < top + side;
                boolean dark = inCode && matrix.get(x - left, y - top);
                int grey = (dark ? 30 : 220) + noise.nextInt(21) - 10;
                frame[y * format.width() + x] = (byte) grey;
            }
        }
        return frame;
    }

    /** A frame of noise: no code in it. */
    public static byte[] noiseFrame(GrabberFrameSource.Format format, long seed) {
        byte[] frame = new byte[format.width() * format.height()];
        new Random(seed).nextBytes(frame);
        return frame;
    }
}
