package io.fcs.terminal.device.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;

/** Finds a QR code in a camera frame with ZXing. One instance per thread (ZXing readers are not thread-safe). */
public final class QrDecoder {

    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS,
            java.util.List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.TRY_HARDER,
            Boolean.TRUE);

    private final QRCodeReader reader = new QRCodeReader();

    public Optional<String> decode(BufferedImage frame) {
        return decode(new BufferedImageLuminanceSource(frame));
    }

    /** Decodes a grey-level frame (e.g. the Y plane of a YUV camera frame). */
    public Optional<String> decode(LuminanceSource frame) {
        try {
            Result result = reader.decode(new BinaryBitmap(new HybridBinarizer(frame)), HINTS);
            return Optional.of(result.getText());
        } catch (NotFoundException none) {
            return Optional.empty();
        } catch (ReaderException unreadable) {
            return Optional.empty();
        } finally {
            reader.reset();
        }
    }
}
