package io.fcs.terminal.device.qr;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Where camera frames come from: the seam between frame grabbing (a webcam library or a video
 * device) and QR decoding. {@link #grab()} blocks until the next frame, or answers empty when
 * the camera has none (unplugged, closed).
 */
@FunctionalInterface
public interface FrameSource extends AutoCloseable {

    Optional<BufferedImage> grab() throws InterruptedException;

    @Override
    default void close() {}
}
