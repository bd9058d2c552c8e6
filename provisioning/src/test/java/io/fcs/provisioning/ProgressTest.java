package io.fcs.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-07-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndsOnce() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), true, clock, "wristbands", 4);

        progress.step("a");
        progress.skipped("b");
        progress.finish();

        assertThat(text.toString()).startsWith("\rwristbands [######..................] 1/4");
        assertThat(text.toString()).contains("\rwristbands [############............] 2/4");
        assertThat(text.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(text.toString()).contains("2/4").contains("skipped 1").endsWith(System.lineSeparator());
    }

    @Test
    void inALogEachStepIsAPlainLine() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), false, clock, "tickets", 2);

        progress.step("t1");
        progress.failed("t2");
        progress.finish();

        assertThat(text.toString()).doesNotContain("\r");
        assertThat(text.toString().lines()).hasSize(2);
        assertThat(text.toString().lines().toList().get(1))
                .contains("1/2")
                .contains("failed 1")
                .contains("t2");
    }

    @Test
    void everyOptionIsNamedAfterItsVariable() {
        assertThat(EnvDefaults.variableFor("--central-token")).isEqualTo("FCS_CENTRAL_TOKEN");
        assertThat(EnvDefaults.variableFor("--keys-dir")).isEqualTo("FCS_KEYS_DIR");
    }
}
