package io.fcs.protocol.topic;

import java.util.Objects;

/** The outcome of {@link MqttTopic#parse(String)}: a topic, or why the string is not one. */
public sealed interface TopicParse permits TopicParse.Parsed, TopicParse.Refused {

    record Parsed(MqttTopic topic) implements TopicParse {
        public Parsed {
            Objects.requireNonNull(topic, "topic");
        }
    }

    record Refused(TopicRefusal reason, String detail) implements TopicParse {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The topic; throws {@link IllegalArgumentException} when refused (for trusted, constant input). */
    default MqttTopic orElseThrow() {
        return switch (this) {
            case Parsed parsed -> parsed.topic();
            case Refused refused ->
                throw new IllegalArgumentException("not an fcs topic: " + refused.reason() + ": " + refused.detail());
        };
    }
}
