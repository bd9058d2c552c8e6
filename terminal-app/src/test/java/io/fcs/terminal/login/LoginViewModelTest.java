package io.fcs.terminal.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginViewModelTest {

    private final Staff alice = Staff.parse("Alice:1234:04a1b2c3");
    private Optional<String> badge = Optional.empty();
    private final LoginViewModel model =
            new LoginViewModel(new StaffDirectory(List.of(alice)), timeout -> badge, Async.direct(), Messages.of("en"));

    @Test
    void theRightPinLogsIn() {
        for (int d : new int[] {1, 2, 3, 4}) {
            model.digit(d);
        }
        assertThat(model.maskedPinProperty().get()).hasSize(4);

        model.submitPin();

        assertThat(model.loggedInProperty().get()).isEqualTo(alice);
        assertThat(model.messageProperty().get()).isEqualTo("Welcome, Alice");
    }

    @Test
    void aWrongPinIsRefusedAndCleared() {
        model.digit(9);
        model.submitPin();

        assertThat(model.loggedInProperty().get()).isNull();
        assertThat(model.toneProperty().get()).isEqualTo(Tone.REFUSED);
        assertThat(model.maskedPinProperty().get()).isEmpty();
    }

    @Test
    void aKnownBadgeLogsInAndAnUnknownOneIsRefused() {
        badge = Optional.of("04deadbeef");
        model.tapBadge();
        assertThat(model.messageProperty().get()).isEqualTo("This badge is not allowed on this terminal");

        badge = Optional.of("04A1B2C3");
        model.tapBadge();
        assertThat(model.loggedInProperty().get()).isEqualTo(alice);
    }

    @Test
    void staffEntriesAreValidated() {
        assertThat(Staff.parse("Bob:9999:supervisor").supervisor()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Staff.parse("Bob:12"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fiveWrongPinsInARowPausePinEntryButNotTheBadge() {
        java.time.Instant[] now = {java.time.Instant.parse("2026-07-11T21:00:00Z")};
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now[0];
            }
        };
        LoginViewModel guarded = new LoginViewModel(
                new StaffDirectory(List.of(alice)), timeout -> badge, Async.direct(), Messages.of("en"), clock);
        for (int attempt = 0; attempt < LoginViewModel.MAX_PIN_FAILURES; attempt++) {
            enter(guarded, 9, 9, 9, 9);
        }
        assertThat(guarded.messageProperty().get()).startsWith("Too many wrong PINs");

        enter(guarded, 1, 2, 3, 4);
        assertThat(guarded.loggedInProperty().get()).isNull();

        badge = Optional.of("04a1b2c3");
        guarded.tapBadge();
        assertThat(guarded.loggedInProperty().get()).isEqualTo(alice);

        guarded.logout();
        now[0] = now[0].plus(LoginViewModel.PIN_PAUSE).plusSeconds(1);
        enter(guarded, 1, 2, 3, 4);
        assertThat(guarded.loggedInProperty().get()).isEqualTo(alice);
    }

    private static void enter(LoginViewModel login, int... digits) {
        for (int d : digits) {
            login.digit(d);
        }
        login.submitPin();
    }
}
