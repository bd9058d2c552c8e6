package io.fcs.provisioning.bundle;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.fcs.provisioning.ProvisioningException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR symbols (ZXing): error correction M, 4-module quiet zone, UTF-8 text. */
public final class QrCodes {

    private QrCodes() {}

    /** The module matrix of a QR symbol for {@code text}, quiet zone included. */
    public static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.MARGIN,
                                    4,
                                    EncodeHintType.CHARACTER_SET,
                                    StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            throw ProvisioningException.refused("text does not fit a QR code: " + e.getMessage());
        }
    }

    /** A PNG of the symbol, each module {@code scale} pixels wide. */
    public static byte[] png(String text, int scale) {
        BitMatrix small = matrix(text);
        BitMatrix big = new BitMatrix(small.getWidth() * scale, small.getHeight() * scale);
        for (int y = 0; y < small.getHeight(); y++) {
            for (int x = 0; x < small.getWidth(); x++) {
                if (small.get(x, y)) {
                    big.setRegion(x * scale, y * scale, scale, scale);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(big, "PNG", out);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** Reads the text of the QR symbol in a PNG (as a device's camera would). */
    public static String decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw ProvisioningException.refused("not an image");
            }
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new QRCodeReader()
                    .decode(
                            bitmap,
                            Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE, DecodeHintType.CHARACTER_SET, "UTF-8"))
                    .getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw ProvisioningException.refused("no readable QR code in the image");
        } catch (IOException e) {
            throw ProvisioningException.refused("image cannot be read: " + e.getMessage());
        }
    }
}
