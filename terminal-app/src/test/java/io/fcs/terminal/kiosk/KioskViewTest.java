package io.fcs.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Views;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class KioskViewTest {

    /** A kiosk desk with one wristband holding 12.00 and a drawer. */
    static final class ScriptedKioskDesk implements KioskDesk {
        long balance = 1200;
        boolean drawerOpen;
        long cash;

        @Override
        public Currency currency() {
            return Currency.EUR;
        }

        @Override
        public BalanceOutcome balance(Duration wait) {
            return new BalanceOutcome.Balance(
                    "04aa",
                    Money.eur(balance),
                    List.of(new JournalLine(
                            1,
                            "r1",
                            "SALE",
                            "04aa",
                            550,
                            balance,
                            "s",
                            "Alice",
                            "EDGE",
                            "",
                            Instant.parse("2026-07-10T19:00:00Z"),
                            false)));
        }

        @Override
        public TapOutcome topUpByCard(Money amount, Duration wait) {
            balance += amount.minor();
            return new TapOutcome.Approved("04aa", amount, Money.eur(balance), TapOutcome.Authority.EDGE, "r2", 2);
        }

        @Override
        public TapOutcome topUpCash(Money amount, Staff cashier, Duration wait) {
            cash += amount.minor();
            return topUpByCard(amount, wait);
        }

        @Override
        public DrawerReport openDrawer(Staff cashier, Money openingFloat) {
            drawerOpen = true;
            return drawer();
        }

        @Override
        public DrawerReport drawer() {
            return new DrawerReport(drawerOpen, "Carol", Money.eur(10000), Money.eur(cash), 0, Optional.empty());
        }

        @Override
        public DrawerReport closeDrawer(Money counted) {
            drawerOpen = false;
            return new DrawerReport(false, "Carol", Money.eur(10000), Money.eur(cash), 0, Optional.of(counted));
        }
    }

    private final ScriptedKioskDesk desk = new ScriptedKioskDesk();

    @Start
    void start(Stage stage) {
        Messages messages = Messages.of("en");
        KioskViewModel model = new KioskViewModel(
                desk,
                new Async(Runnable::run, Platform::runLater),
                messages,
                Feedback.silent(),
                ZoneId.of("UTC"),
                false);
        stage.setScene(new Scene(Views.load(new KioskView(model), messages), 1280, 800));
        stage.show();
        model.start(Staff.parse("kiosk:0000"));
    }

    @Test
    void aTapShowsTheBalanceAndRecentHistory(FxRobot robot) {
        robot.clickOn("#balance");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("Balance: €12.00");
        assertThat(robot.lookup("#history").queryListView().getItems()).hasSize(1);
    }

    @Test
    void aCardTopUpShowsTheNewBalance(FxRobot robot) {
        robot.clickOn("#topup-20");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("Topped up €20.00");
        assertThat(robot.lookup("#detail").queryAs(Label.class).getText()).isEqualTo("New balance: €32.00");
    }
}
