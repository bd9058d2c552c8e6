package io.fcs.protocol.message;

import io.fcs.protocol.crypto.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Reads a golden vector: hex bytes, whitespace ignored, {@code #} starts a comment to the end of
 * the line.
 */
final class Vectors {

    private Vectors() {}

    static byte[] read(String name) {
        String resource = "/vectors/message/" + name + ".hex";
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing golden vector " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String hex = text.lines()
                    .map(line -> line.contains("#") ? line.substring(0, line.indexOf('#')) : line)
                    .collect(Collectors.joining())
                    .replaceAll("\\s+", "");
            return Bytes.fromHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
