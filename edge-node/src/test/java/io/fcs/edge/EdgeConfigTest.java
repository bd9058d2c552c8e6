package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Ed25519;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeConfigTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        String help = EdgeConfig.helpText();
        for (Option option : Option.values()) {
            assertThat(help).contains("--" + option.flag);
            if (!option.env.isEmpty()) {
                assertThat(help).contains(option.env);
            }
        }
    }

    @Test
    void devModeListensOnLoopbackOnlyWithoutTlsAndAThrowawayIdentity() {
        EdgeConfig a = EdgeConfig.parse(new String[] {"--dev"}, Map.of());
        EdgeConfig b = EdgeConfig.parse(new String[] {"--dev"}, Map.of());
        assertThat(a.broker().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(a.httpBind()).isEqualTo("127.0.0.1");
        assertThat(a.broker().tls()).isEmpty();
        assertThat(a.broker().port()).isEqualTo(1883);
        assertThat(a.edgeId()).isNotEqualTo(b.edgeId());
    }

    @Test
    void productionModeRefusesToStartWithoutIdentityOrTlsMaterial() {
        assertThatThrownBy(() -> EdgeConfig.parse(new String[0], Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--festival");
        Map<String, String> env = Map.of(
                "EDGE_FESTIVAL_ID", "00000000-0000-0000-0000-000000000001",
                "EDGE_ZONE_ID", "00000000-0000-0000-0000-000000000002",
                "EDGE_ID", "00000000-0000-0000-0000-000000000003",
                "EDGE_KEY_FILE", writeKey().toString());
        assertThatThrownBy(() -> EdgeConfig.parse(new String[0], env)).hasMessageContaining("--tls-keystore");
    }

    @Test
    void commandLineWinsOverEnvironmentWhichWinsOverTheConfigFile() throws Exception {
        Path file = dir.resolve("edge.properties");
        Files.writeString(file, "http-port=1111\nsync-interval-ms=2222\nuplink-batch=33\n");
        EdgeConfig config = EdgeConfig.parse(
                new String[] {"--dev", "--config", file.toString(), "--http-port", "3333"},
                Map.of("EDGE_SYNC_INTERVAL_MS", "4444"));
        assertThat(config.httpPort()).isEqualTo(3333);
        assertThat(config.syncInterval().toMillis()).isEqualTo(4444);
        assertThat(config.uplinkBatch()).isEqualTo(33);
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> EdgeConfig.parse(new String[] {"--dev", "--mqtt-port", "99999"}, Map.of()))
                .hasMessageContaining("--mqtt-port");
        assertThatThrownBy(() -> EdgeConfig.parse(new String[] {"--dev", "--bogus"}, Map.of()))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> EdgeConfig.parse(new String[] {"--festival", "not-a-uuid", "--dev"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExternalBrokerNeedsNoListenerCertificates() {
        Map<String, String> env = Map.of(
                "EDGE_FESTIVAL_ID", "00000000-0000-0000-0000-000000000001",
                "EDGE_ZONE_ID", "00000000-0000-0000-0000-000000000002",
                "EDGE_ID", "00000000-0000-0000-0000-000000000003",
                "EDGE_KEY_FILE", writeKey().toString(),
                "EDGE_BROKER_URL", "tcp://127.0.0.1:1883");
        EdgeConfig config = EdgeConfig.parse(new String[0], env);
        assertThat(config.externalBrokerUrl()).contains("tcp://127.0.0.1:1883");
        assertThat(config.dev()).isFalse();
    }

    private Path writeKey() {
        try {
            Path key = dir.resolve("edge.key");
            Files.writeString(
                    key, Base64.getEncoder().encodeToString(Ed25519.generate().seed()));
            return key;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
