package io.fcs.protocol.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MqttTopicTest {

    static final FestivalId FESTIVAL = FestivalId.parse("f0000000-0000-4000-8000-000000000001");
    static final ZoneId ZONE = ZoneId.parse("20000000-0000-4000-8000-000000000002");
    static final TerminalId TERMINAL = TerminalId.parse("70000000-0000-4000-8000-000000000003");
    static final EdgeId EDGE = EdgeId.parse("e0000000-0000-4000-8000-000000000004");

    static MqttTopic sample(TopicKind kind, FestivalId festival, ZoneId zone, TerminalId terminal, EdgeId edge) {
        return switch (kind.scope()) {
            case TERMINAL -> MqttTopic.terminal(kind, festival, zone, terminal);
            case ZONE -> MqttTopic.zone(kind, festival, zone);
            case EDGE -> MqttTopic.edge(kind, festival, edge);
            case FESTIVAL -> MqttTopic.festival(kind, festival);
        };
    }

    static List<MqttTopic> everyKind() {
        List<MqttTopic> topics = new ArrayList<>();
        for (TopicKind kind : TopicKind.values()) {
            topics.add(sample(kind, FESTIVAL, ZONE, TERMINAL, EDGE));
        }
        return topics;
    }

    @Test
    void topicsHaveTheDocumentedShape() {
        String f = FESTIVAL.toString();
        String z = ZONE.toString();
        assertThat(MqttTopic.terminal(TopicKind.TERMINAL_RECORDS, FESTIVAL, ZONE, TERMINAL))
                .hasToString("fcs/v1/" + f + "/" + z + "/t/" + TERMINAL + "/records");
        assertThat(MqttTopic.terminal(TopicKind.AUTH_REQUEST, FESTIVAL, ZONE, TERMINAL))
                .hasToString("fcs/v1/" + f + "/" + z + "/t/" + TERMINAL + "/auth/req");
        assertThat(MqttTopic.zone(TopicKind.ZONE_DENY, FESTIVAL, ZONE))
                .hasToString("fcs/v1/" + f + "/" + z + "/zone/deny");
        assertThat(MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, FESTIVAL, ZONE))
                .hasToString("fcs/v1/" + f + "/" + z + "/edge/presence");
        assertThat(MqttTopic.edge(TopicKind.UPLINK_RECORDS, FESTIVAL, EDGE))
                .hasToString("fcs/v1/" + f + "/edge/" + EDGE + "/records");
        assertThat(MqttTopic.festival(TopicKind.FESTIVAL_REVOCATIONS, FESTIVAL))
                .hasToString("fcs/v1/" + f + "/festival/revocations");
    }

    @Test
    void everyTopicParsesBackToItsKindAndIds() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            FestivalId festival = FestivalId.of(new UUID(random.nextLong(), random.nextLong()));
            ZoneId zone = ZoneId.of(new UUID(random.nextLong(), random.nextLong()));
            TerminalId terminal = TerminalId.of(new UUID(random.nextLong(), random.nextLong()));
            EdgeId edge = EdgeId.of(new UUID(random.nextLong(), random.nextLong()));
            for (TopicKind kind : TopicKind.values()) {
                MqttTopic topic = sample(kind, festival, zone, terminal, edge);
                TopicParse parsed = MqttTopic.parse(topic.toString());
                assertThat(parsed).isEqualTo(new TopicParse.Parsed(topic));
                MqttTopic back = parsed.orElseThrow();
                assertThat(back.kind()).isEqualTo(kind);
                assertThat(back.festival()).isEqualTo(festival);
                assertThat(back.zone().isPresent())
                        .isEqualTo(kind.scope() == TopicScope.TERMINAL || kind.scope() == TopicScope.ZONE);
                back.zone().ifPresent(z -> assertThat(z).isEqualTo(zone));
                back.terminal().ifPresent(t -> assertThat(t).isEqualTo(terminal));
                back.edge().ifPresent(e -> assertThat(e).isEqualTo(edge));
            }
        }
    }

    @Test
    void everyKindHasItsOwnTopicString() {
        assertThat(new HashSet<>(everyKind().stream().map(MqttTopic::toString).toList()))
                .hasSize(TopicKind.values().length);
    }

    @Test
    void aKindCannotBeBuiltInAnotherScope() {
        assertThatThrownBy(() -> MqttTopic.zone(TopicKind.TERMINAL_RECORDS, FESTIVAL, ZONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttTopic.terminal(TopicKind.ZONE_DENY, FESTIVAL, ZONE, TERMINAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttTopic.festival(TopicKind.UPLINK_ACK, FESTIVAL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TopicRefusal refusal(String topic) {
        TopicParse parse = MqttTopic.parse(topic);
        assertThat(parse).as(topic).isInstanceOf(TopicParse.Refused.class);
        return ((TopicParse.Refused) parse).reason();
    }

    @Test
    void malformedTopicsAreRefusedWithTheirReason() {
        String f = FESTIVAL.toString();
        String z = ZONE.toString();
        String t = TERMINAL.toString();
        assertThat(refusal(null)).isEqualTo(TopicRefusal.EMPTY);
        assertThat(refusal("")).isEqualTo(TopicRefusal.EMPTY);
        assertThat(refusal("fcs/v1/" + f + "/" + "x".repeat(300))).isEqualTo(TopicRefusal.TOO_LONG);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/t/+/records")).isEqualTo(TopicRefusal.WILDCARD);
        assertThat(refusal("fcs/v1/" + f + "/#")).isEqualTo(TopicRefusal.WILDCARD);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/zone/deny\0")).isEqualTo(TopicRefusal.WILDCARD);
        assertThat(refusal("other/v1/" + f + "/festival/deny")).isEqualTo(TopicRefusal.FOREIGN_ROOT);
        assertThat(refusal("/fcs/v1/" + f + "/festival/deny")).isEqualTo(TopicRefusal.FOREIGN_ROOT);
        assertThat(refusal("fcs/v2/" + f + "/festival/deny")).isEqualTo(TopicRefusal.UNKNOWN_VERSION);
        assertThat(refusal("fcs")).isEqualTo(TopicRefusal.UNKNOWN_VERSION);
        assertThat(refusal("fcs/v1/not-a-uuid/festival/deny")).isEqualTo(TopicRefusal.MALFORMED_ID);
        assertThat(refusal("fcs/v1/" + f.toUpperCase() + "/festival/deny")).isEqualTo(TopicRefusal.MALFORMED_ID);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/t/" + t.substring(1) + "/records"))
                .isEqualTo(TopicRefusal.MALFORMED_ID);
        assertThat(refusal("fcs/v1/" + f + "/edge/nope/records")).isEqualTo(TopicRefusal.MALFORMED_ID);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/zone/menu")).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/zone/deny/")).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/zone//deny")).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/t/" + t)).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/t/" + t + "/auth")).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/t/" + t + "/zone/deny")).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/" + z + "/records")).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/festival/config")).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f + "/edge/" + EDGE)).isEqualTo(TopicRefusal.UNKNOWN_KIND);
        assertThat(refusal("fcs/v1/" + f)).isEqualTo(TopicRefusal.UNKNOWN_KIND);
    }

    @Test
    void randomStringsAreRefusedWithoutThrowing() {
        Random random = new Random(11);
        String alphabet = "fcsv1/-+#0123456789abcdefzonetedgfestivalrcdpk\0é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(80); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(MqttTopic.parse(text.toString())).isInstanceOf(TopicParse.Refused.class);
        }
    }

    @Test
    void everyKindCarriesOneMessageTypeAndAQos() {
        for (TopicKind kind : TopicKind.values()) {
            assertThat(kind.messageType()).isNotNull();
            assertThat(kind.qos()).isBetween(0, 2);
            assertThat(kind.subscribers()).isNotEmpty().doesNotContain(kind.publisher());
        }
    }
}
