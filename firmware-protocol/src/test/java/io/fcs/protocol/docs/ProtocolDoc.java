package io.fcs.protocol.docs;

import io.fcs.protocol.topic.Role;
import io.fcs.protocol.topic.TopicKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders the parts of docs/protocol.md that must match the code: the topic table and the byte maps. */
final class ProtocolDoc {

    static final Path DOC = Path.of("../docs/protocol.md");
    static final Path MESSAGE_SOURCES = Path.of("src/main/java/io/fcs/protocol/message");

    static final List<String> CODECS = List.of(
            "MessageCodec",
            "RecordBatchCodec",
            "WatermarkAckCodec",
            "AuthorisationRequestCodec",
            "AuthorisationAnswerCodec",
            "AdmissionRequestCodec",
            "AdmissionAnswerCodec",
            "ConfigurationCodec",
            "PriceListCodec",
            "DenyListCodec",
            "TicketRevocationsCodec",
            "PendingCreditsCodec",
            "CheckInCodec",
            "PresenceCodec");

    private ProtocolDoc() {}

    static String pattern(TopicKind kind) {
        String prefix = "fcs/v1/{festivalId}/";
        return switch (kind.scope()) {
            case TERMINAL -> prefix + "{zoneId}/t/{terminalId}/" + kind.suffix();
            case ZONE -> prefix + "{zoneId}/" + kind.suffix();
            case EDGE -> prefix + "edge/{edgeId}/" + kind.suffix();
            case FESTIVAL -> prefix + "festival/" + kind.suffix();
        };
    }

    static String topicRow(TopicKind kind) {
        String subscribers = kind.subscribers().stream()
                .map(Role::name)
                .map(String::toLowerCase)
                .collect(Collectors.joining(", "));
        return "| `%s` | %s | %s | %s | %d | %s | %s |"
                .formatted(
                        pattern(kind),
                        kind.name(),
                        kind.publisher().name().toLowerCase(),
                        subscribers,
                        kind.qos(),
                        kind.retained() ? "yes" : "no",
                        kind.messageType().name());
    }

    /** The byte map of a codec's Javadoc, as plain text (entities and {@code {@link}} resolved). */
    static String byteMap(String codec) {
        try {
            List<String> lines = Files.readAllLines(MESSAGE_SOURCES.resolve(codec + ".java"));
            List<String> map = new ArrayList<>();
            boolean inside = false;
            for (String line : lines) {
                String text = line.strip();
                if (text.equals("* <pre>")) {
                    inside = true;
                } else if (text.equals("* </pre>")) {
                    break;
                } else if (inside) {
                    String content = line.replaceFirst("^\\s*\\* ?", "");
                    map.add(content.replace("&gt;", ">")
                            .replace("&lt;", "<")
                            .replace("&amp;", "&")
                            .replaceAll("\\{@link ([A-Za-z.#]+)}", "$1")
                            .stripTrailing());
                }
            }
            if (map.isEmpty()) {
                throw new IllegalStateException("no byte map in " + codec);
            }
            return String.join("\n", map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
