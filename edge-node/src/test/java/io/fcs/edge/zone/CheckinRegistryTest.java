package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.store.Database;
import io.fcs.protocol.message.CheckIn;
import io.fcs.protocol.message.Direction;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckinRegistryTest {

    static final String UID = "04a1b2c3d4e5f6";
    static final Instant T0 = Instant.parse("2026-07-10T21:04:00Z");

    @TempDir
    Path dir;

    final TerminalId gateA = TerminalId.random();
    final TerminalId gateB = TerminalId.random();
    final ZoneId zone = ZoneId.random();

    private CheckIn exit(TerminalId gate, Instant at) {
        return new CheckIn(
                RecordId.random(),
                gate,
                zone,
                "exit",
                Optional.empty(),
                Optional.of(OpaqueBytes.fromHex(UID)),
                Direction.OUT,
                at);
    }

    private static CheckinRegistry.Decision admit(CheckinRegistry registry, TerminalId gate, Instant at) {
        return registry.admit(CheckinRegistry.wristband(UID), gate.toString(), at);
    }

    @Test
    void aOneEntryZoneRefusesTheSecondGateWithWhereAndWhenTheFirstAdmitted() {
        try (Database db = Database.open(dir)) {
            CheckinRegistry registry = new CheckinRegistry(db, Optional.empty());
            assertThat(admit(registry, gateA, T0)).isInstanceOf(CheckinRegistry.Admit.class);
            registry.learn(exit(gateA, T0.plusSeconds(60)));
            assertThat(admit(registry, gateB, T0.plusSeconds(3_600)))
                    .isEqualTo(new CheckinRegistry.AlreadyUsed(
                            new CheckinRegistry.Admission(CheckinRegistry.wristband(UID), gateA.toString(), T0),
                            CheckinRegistry.Refusal.ONE_ENTRY_ONLY));
        }
    }

    @Test
    void anAllowedReentryWaitsForTheZonesCoolDown() {
        try (Database db = Database.open(dir)) {
            CheckinRegistry registry = new CheckinRegistry(db, Optional.empty());
            registry.reentryRule(
                    new CheckinRegistry.ReentryRule(CheckinRegistry.Reentry.ALLOWED, Duration.ofMinutes(10)));
            assertThat(admit(registry, gateA, T0)).isInstanceOf(CheckinRegistry.Admit.class);
            assertThat(admit(registry, gateB, T0.plusSeconds(1)))
                    .isInstanceOfSatisfying(CheckinRegistry.AlreadyUsed.class, used -> assertThat(used.reason())
                            .isEqualTo(CheckinRegistry.Refusal.COOL_DOWN));
            assertThat(admit(registry, gateB, T0.plus(Duration.ofMinutes(10))))
                    .isInstanceOf(CheckinRegistry.Admit.class);
        }
    }

    @Test
    void anAfterExitZoneAdmitsAgainOnlyAfterAnExitScanThatFollowedTheLastEntry() {
        try (Database db = Database.open(dir)) {
            CheckinRegistry registry = new CheckinRegistry(db, Optional.empty());
            registry.reentryRule(new CheckinRegistry.ReentryRule(CheckinRegistry.Reentry.AFTER_EXIT, Duration.ZERO));
            registry.learn(exit(gateA, T0.minusSeconds(60))); // an exit before the entry does not count
            assertThat(admit(registry, gateA, T0)).isInstanceOf(CheckinRegistry.Admit.class);
            assertThat(admit(registry, gateB, T0.plusSeconds(600)))
                    .isInstanceOfSatisfying(CheckinRegistry.AlreadyUsed.class, used -> assertThat(used.reason())
                            .isEqualTo(CheckinRegistry.Refusal.NO_EXIT_SCAN));
            registry.learn(exit(gateA, T0.plusSeconds(900)));
            assertThat(admit(registry, gateB, T0.plusSeconds(1_000))).isInstanceOf(CheckinRegistry.Admit.class);
            assertThat(admit(registry, gateA, T0.plusSeconds(1_100)))
                    .as("the exit scan was used up by the re-entry")
                    .isInstanceOf(CheckinRegistry.AlreadyUsed.class);
        }
    }

    @Test
    void exitScansSurviveARestartOfTheEdge() {
        try (Database db = Database.open(dir)) {
            CheckinRegistry registry = new CheckinRegistry(db, Optional.empty());
            admit(registry, gateA, T0);
            registry.learn(exit(gateA, T0.plusSeconds(30)));
        }
        try (Database db = Database.open(dir)) {
            CheckinRegistry registry = new CheckinRegistry(db, Optional.empty());
            registry.reentryRule(new CheckinRegistry.ReentryRule(CheckinRegistry.Reentry.AFTER_EXIT, Duration.ZERO));
            assertThat(registry.lastExit(CheckinRegistry.wristband(UID))).contains(T0.plusSeconds(30));
            assertThat(admit(registry, gateB, T0.plusSeconds(60))).isInstanceOf(CheckinRegistry.Admit.class);
        }
    }

    @Test
    void theRuleIsReadFromThisZoneInCentralsConfigAndIsOneEntryWhenMissingOrUnreadable() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var config = json.readTree("""
                {"zones": [
                  {"id": "%s", "name": "Main", "reentry": "after-exit", "reentryCooldownSeconds": 120},
                  {"id": "%s", "name": "Backstage", "reentry": "sometimes"}]}""".formatted(zone, gateB));
        assertThat(CheckinRegistry.ReentryRule.fromConfig(config, zone.toString()))
                .isEqualTo(new CheckinRegistry.ReentryRule(CheckinRegistry.Reentry.AFTER_EXIT, Duration.ofMinutes(2)));
        assertThat(CheckinRegistry.ReentryRule.fromConfig(config, gateB.toString()))
                .isEqualTo(CheckinRegistry.ReentryRule.ONE_ENTRY);
        assertThat(CheckinRegistry.ReentryRule.fromConfig(json.readTree("{}"), zone.toString()))
                .isEqualTo(CheckinRegistry.ReentryRule.ONE_ENTRY);
        assertThat(CheckinRegistry.ReentryRule.fromConfig(config, zone.toString())
                        .settings())
                .containsEntry("zone.reentry", "after-exit")
                .containsEntry("zone.reentry-cooldown-s", "120");
    }
}
