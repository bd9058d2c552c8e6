package io.fcs.provisioning.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.provisioning.AtomicFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentServerTest {

    static final String TOKEN = "AAECAwQFBgcICQoLDA0ODw";
    static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");

    @TempDir
    Path keysDir;

    @Test
    void devicesRacingForOneTokenGetTheBundleExactlyOnce() throws Exception {
        AtomicFiles.write(EnrolmentServer.pendingFile(keysDir, TOKEN, NOW.plusSeconds(600)), new byte[] {1, 2, 3});
        EnrolmentServer server = new EnrolmentServer(keysDir, Clock.fixed(NOW, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<EnrolmentServer.Outcome>> takers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                takers.add(() -> server.take(TOKEN));
            }
            List<EnrolmentServer.Outcome> outcomes = new ArrayList<>();
            for (Future<EnrolmentServer.Outcome> future : pool.invokeAll(takers, 30, TimeUnit.SECONDS)) {
                outcomes.add(future.get());
            }

            assertThat(outcomes)
                    .filteredOn(o -> o instanceof EnrolmentServer.Outcome.Served)
                    .hasSize(1);
            assertThat(outcomes)
                    .filteredOn(o -> o instanceof EnrolmentServer.Outcome.Refused)
                    .containsOnly(new EnrolmentServer.Outcome.Refused(410, "used"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownAndMalformedTokensAreNotFound() {
        EnrolmentServer server = new EnrolmentServer(keysDir, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(server.take(TOKEN)).isEqualTo(new EnrolmentServer.Outcome.Refused(404, "unknown"));
        assertThat(server.take("../../etc/passwd")).isEqualTo(new EnrolmentServer.Outcome.Refused(404, "unknown"));
    }
}
