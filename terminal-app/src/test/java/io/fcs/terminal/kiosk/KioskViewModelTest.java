package io.fcs.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.login.Staff;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class KioskViewModelTest {

    private final KioskViewTest.ScriptedKioskDesk desk = new KioskViewTest.ScriptedKioskDesk();
    private final KioskViewModel cashDesk =
            new KioskViewModel(desk, Async.direct(), Messages.of("en"), Feedback.silent(), ZoneId.of("UTC"), true);

    @Test
    void cashTopUpIsRefusedUntilTheDrawerIsOpen() {
        cashDesk.start(Staff.parse("Carol:4321"));
        cashDesk.topUp(1000);
        assertThat(cashDesk.headlineProperty().get()).isEqualTo("Open the cash drawer first");

        cashDesk.openDrawer(10000);
        cashDesk.topUp(1000);

        assertThat(cashDesk.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(cashDesk.drawerTextProperty().get()).contains("expected €110.00");
    }

    @Test
    void closingTheDrawerShowsTheDifference() {
        cashDesk.start(Staff.parse("Carol:4321"));
        cashDesk.openDrawer(10000);
        cashDesk.topUp(1000);
        cashDesk.closeDrawer(10950);

        assertThat(cashDesk.headlineProperty().get())
                .isEqualTo("Drawer closed: expected €110.00, counted €109.50, difference -€0.50");
        assertThat(cashDesk.toneProperty().get()).isEqualTo(Tone.WARNING);
    }

    @Test
    void typedAmountsAreParsedWithoutFloatingPoint() {
        assertThat(KioskView.cents("12")).isEqualTo(1200);
        assertThat(KioskView.cents("12,5")).isEqualTo(1250);
        assertThat(KioskView.cents("12.05")).isEqualTo(1205);
        assertThat(KioskView.cents("-3")).isEqualTo(-1);
        assertThat(KioskView.cents("abc")).isEqualTo(-1);
    }
}
