package io.fcs.protocol.testing;

import io.fcs.protocol.crypto.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the MQTT message golden vectors under {@code src/test/resources/vectors/message/}: one
 * {@code <name>.hex} file per message type, hex bytes annotated field by field (whitespace
 * ignored, {@code #} starts a comment to the end of the line). Edge and terminal code can check
 * their own message handling against the same bytes through firmware-protocol's test-jar.
 */
public final class MessageVectors {

    /** The vector names, one per message type. */
    public static final List<String> NAMES = List.of(
            "record-batch",
            "watermark-ack",
            "authorisation-request",
            "authorisation-answer",
            "admission-request",
            "admission-answer",
            "configuration",
            "price-list",
            "deny-list",
            "ticket-revocations",
            "pending-credits",
            "check-in",
            "presence");

    private MessageVectors() {}

    /** The bytes of vector {@code name}, e.g. {@code record-batch}. */
    public static byte[] bytes(String name) {
        String resource = "/vectors/message/" + name + ".hex";
        try (InputStream in = MessageVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no message vector " + resource + " on the class path");
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
