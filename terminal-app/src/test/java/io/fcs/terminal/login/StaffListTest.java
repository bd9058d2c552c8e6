package io.fcs.terminal.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Messages;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffListTest {

    private static final PinHash ALICE_PIN = PinHash.of("4821");
    private static final PinHash SUPERVISOR_PIN = PinHash.of("9017");

    private final Map<String, String> config = Map.of(
            "zone", "north",
            "staff.alice",
                    StaffList.entry("Alice", Optional.of(ALICE_PIN), Optional.of("04A1B2C3D4E5F6"), Set.of("bar")),
            "staff.gus", StaffList.entry("Gus", Optional.of(PinHash.of("5555")), Optional.empty(), Set.of("gate")),
            "staff.sam", StaffList.entry("Sam", Optional.of(SUPERVISOR_PIN), Optional.empty(), Set.of("supervisor")),
            "staff.bob",
                    StaffList.entry("Bob", Optional.empty(), Optional.of("04bbbbbbbbbbbb"), Set.of("bar", "cashier")));

    @Test
    void aPinHashChecksThePinAndNeverHoldsIt() {
        PinHash hash = PinHash.of("4821");

        assertThat(hash.matches("4821")).isTrue();
        assertThat(hash.matches("4822")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(hash.toString()).startsWith("pbkdf2-sha256$5000$").doesNotContain("4821");
        assertThat(PinHash.parse(hash.toString())).contains(hash);
        assertThat(PinHash.of("4821")).isNotEqualTo(hash); // salted: one PIN, two hashes
    }

    @Test
    void garbledPinHashesAreNoHashes() {
        assertThat(PinHash.parse("4821")).isEmpty();
        assertThat(PinHash.parse("pbkdf2-sha256$10$AAAAAAAAAAA=$AAAA")).isEmpty();
        assertThat(PinHash.parse("md5$5000$AAAAAAAAAAA=$AAAA")).isEmpty();
        assertThat(PinHash.parse("pbkdf2-sha256$5000$***$***")).isEmpty();
    }

    @Test
    void aBarTerminalKeepsItsBarStaffAndTheSupervisorsFromTheConfiguration() {
        StaffList.Parsed bar = StaffList.from(config, "bar");

        assertThat(bar.staff()).extracting(Staff::name).containsExactlyInAnyOrder("Alice", "Sam", "Bob");
        assertThat(bar.refused()).isEmpty();
        assertThat(StaffList.from(config, "gate").staff())
                .extracting(Staff::name)
                .containsExactlyInAnyOrder("Gus", "Sam");
        StaffDirectory directory = new StaffDirectory(bar.staff());
        assertThat(directory.byPin("4821"))
                .hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Alice"));
        assertThat(directory.byPin("5555")).isEmpty();
        assertThat(directory.byBadge("04a1b2c3d4e5f6"))
                .hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("Alice"));
        assertThat(directory.supervisorByPin("9017")).isPresent();
        assertThat(directory.supervisorByPin("4821")).isEmpty();
    }

    @Test
    void aGarbledMemberIsRefusedWithItsReasonAndTheOthersStay() {
        Map<String, String> garbled = Map.of(
                "staff.alice", StaffList.entry("Alice", Optional.of(ALICE_PIN), Optional.empty(), Set.of("bar")),
                "staff.x1", "Mallory|4821||bar",
                "staff.x2", "Eve|||bar",
                "staff.x3", "Zed||04zz11223344|bar",
                "staff.x4", "Ann||04a1b2c3|pilot",
                "staff.x5", "too|few");

        StaffList.Parsed parsed = StaffList.from(garbled, "bar");

        assertThat(parsed.staff()).extracting(Staff::name).containsExactly("Alice");
        assertThat(parsed.refused()).containsOnlyKeys("staff.x1", "staff.x2", "staff.x3", "staff.x4", "staff.x5");
        assertThat(parsed.refused().get("staff.x1")).contains("PIN hash");
        assertThat(parsed.refused().get("staff.x4")).contains("pilot");
    }

    @Test
    void downlinkedStaffLogInOnTheLoginScreenByPinOrBadge() {
        Optional<String>[] badge = List.of(Optional.of("04BBBBBBBBBBBB")).toArray(Optional[]::new);
        LoginViewModel login = new LoginViewModel(
                new StaffDirectory(StaffList.from(config, "bar").staff()),
                timeout -> badge[0],
                Async.direct(),
                Messages.of("en"));

        for (int d : new int[] {4, 8, 2, 1}) {
            login.digit(d);
        }
        login.submitPin();
        assertThat(login.loggedInProperty().get().name()).isEqualTo("Alice");

        login.logout();
        login.tapBadge();
        assertThat(login.loggedInProperty().get().name()).isEqualTo("Bob");
    }
}
