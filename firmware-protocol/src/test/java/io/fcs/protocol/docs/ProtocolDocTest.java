package io.fcs.protocol.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.message.DecodeRefusal;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.topic.TopicRefusal;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/protocol.md stays true to the code: the topic table, every byte map, every refusal reason. */
class ProtocolDocTest {

    private static String doc() throws IOException {
        return Files.readString(ProtocolDoc.DOC);
    }

    @Test
    void theTopicTableListsEveryTopicKindAsTheCodeDefinesIt() throws IOException {
        String doc = doc();
        for (TopicKind kind : TopicKind.values()) {
            assertThat(doc).contains(ProtocolDoc.topicRow(kind));
        }
    }

    @Test
    void everyCodecsByteMapAppearsVerbatim() throws IOException {
        String doc = doc();
        for (String codec : ProtocolDoc.CODECS) {
            assertThat(doc).as(codec).contains("```\n" + ProtocolDoc.byteMap(codec) + "\n```");
        }
    }

    @Test
    void everyRefusalReasonIsExplained() throws IOException {
        String doc = doc();
        for (DecodeRefusal reason : DecodeRefusal.values()) {
            assertThat(doc).contains("| `" + reason.name() + "` |");
        }
        for (TopicRefusal reason : TopicRefusal.values()) {
            assertThat(doc).contains("`" + reason.name() + "`");
        }
    }
}
