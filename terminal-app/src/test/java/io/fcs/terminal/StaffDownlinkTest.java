package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.login.PinHash;
import io.fcs.terminal.login.StaffList;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.sync.SyncClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A terminal starting cold, with no network, lets in the staff of the last stored configuration. */
class StaffDownlinkTest {

    @TempDir
    Path dir;

    @Test
    void aColdStartWithNoNetworkLetsTheStoredZoneStaffLogIn() {
        try (TerminalStore store = TerminalStore.open(dir)) {
            store.replaceSettings(
                    SyncClient.DOWNLINK_PREFIX,
                    Map.of(
                            "staff.alice",
                            StaffList.entry("Alice", Optional.of(PinHash.of("4821")), Optional.empty(), Set.of("bar")),
                            "staff.gus",
                            StaffList.entry("Gus", Optional.of(PinHash.of("5555")), Optional.empty(), Set.of("gate"))));
        }
        TerminalOptions options = new TerminalOptions();
        options.dataDir = dir;
        options.edge = "none";
        options.mode = TerminalOptions.Mode.POS;

        try (Terminal terminal = Terminal.start(options, Runnable::run)) {
            assertThat(terminal.wiring().staff().byPin("4821"))
                    .hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Alice"));
            assertThat(terminal.wiring().staff().byPin("5555")).isEmpty(); // a gate steward, not bar staff
        }
    }
}
