package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.gate.GateCounters;
import io.fcs.terminal.gate.GateDesk;
import io.fcs.terminal.gate.GateOutcome;
import io.fcs.terminal.gate.GateView;
import io.fcs.terminal.gate.GateViewModel;
import io.fcs.terminal.kiosk.BalanceOutcome;
import io.fcs.terminal.kiosk.DrawerReport;
import io.fcs.terminal.kiosk.KioskDesk;
import io.fcs.terminal.kiosk.KioskView;
import io.fcs.terminal.kiosk.KioskViewModel;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.pos.PosView;
import io.fcs.terminal.pos.PosViewModel;
import io.fcs.terminal.pos.SaleDesk;
import io.fcs.terminal.pos.SaleRequest;
import io.fcs.terminal.pos.ShiftReport;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Views;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Renders each main screen in a typical state and saves it under docs/screenshots/ (PNG). */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    private static final Path OUT = Path.of("..", "docs", "screenshots");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new javafx.scene.layout.Pane(), 1024, 640));
        stage.show();
    }

    private Path shoot(FxRobot robot, Parent root, String name) throws Exception {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            Scene scene = new Scene(root, 1024, 640);
            stage.setScene(scene);
            root.applyCss();
            root.layout();
            image[0] = scene.snapshot(null);
        });
        BufferedImage rgb = new BufferedImage(1024, 640, BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(SwingFXUtils.fromFXImage(image[0], null), 0, 0, null);
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".png");
        ImageIO.write(rgb, "png", file.toFile());
        return file;
    }

    @Test
    void screenshotsOfPosGateAndKioskAreSaved(FxRobot robot) throws Exception {
        Messages en = Messages.of("en");
        Messages fr = Messages.of("fr");
        Staff alice = Staff.parse("Alice:1234");

        PosViewModel[] pos = new PosViewModel[1];
        Parent[] posView = new Parent[1];
        robot.interact(() -> {
            pos[0] = new PosViewModel(
                    new DemoSaleDesk(), new StaffDirectory(List.of(alice)), Async.direct(), en, Feedback.silent());
            posView[0] = Views.load(new PosView(pos[0]), en);
            pos[0].start(alice);
            pos[0].add(DemoSaleDesk.PRODUCTS.get(0));
            pos[0].add(DemoSaleDesk.PRODUCTS.get(0));
            pos[0].add(DemoSaleDesk.PRODUCTS.get(2));
            pos[0].charge();
        });
        Path posFile = shoot(robot, posView[0], "pos-approved");

        Parent[] gateViews = new Parent[2];
        robot.interact(() -> {
            GateViewModel admitted = new GateViewModel(
                    new DemoGateDesk(new GateOutcome.Admitted("t", "Pass 3 jours · AB", false, false, false, false)),
                    Async.direct(),
                    fr,
                    Feedback.silent(),
                    PARIS);
            gateViews[0] = Views.load(new GateView(admitted, null, "Entrée", "Sortie"), fr);
            admitted.start();
            admitted.scanned("FT1:...");
            GateViewModel refused = new GateViewModel(
                    new DemoGateDesk(new GateOutcome.Refused(
                            GateOutcome.Reason.ALREADY_USED,
                            Optional.of("Gate B"),
                            Optional.of(Instant.parse("2026-07-10T19:04:00Z")))),
                    Async.direct(),
                    en,
                    Feedback.silent(),
                    PARIS);
            gateViews[1] = Views.load(new GateView(refused, null, "Entry", "Exit"), en);
            refused.start();
            refused.scanned("FT1:...");
        });
        Path admittedFile = shoot(robot, gateViews[0], "gate-admitted");
        Path refusedFile = shoot(robot, gateViews[1], "gate-refused");

        Parent[] kioskView = new Parent[1];
        robot.interact(() -> {
            KioskViewModel kiosk =
                    new KioskViewModel(new DemoKioskDesk(), Async.direct(), en, Feedback.silent(), PARIS, false);
            kioskView[0] = Views.load(new KioskView(kiosk), en);
            kiosk.start(alice);
            kiosk.showBalance();
        });
        Path kioskFile = shoot(robot, kioskView[0], "kiosk-balance");

        Parent[] enrolView = new Parent[1];
        robot.interact(() -> {
            io.fcs.terminal.enrol.EnrolViewModel enrol = new io.fcs.terminal.enrol.EnrolViewModel(
                    qr -> new io.fcs.terminal.enrol.Enrolment.Refused(
                            io.fcs.terminal.enrol.Enrolment.Reason.EXPIRED,
                            "enrolment QR refused (EXPIRED): valid until 2026-07-10T18:30:00Z"),
                    Async.direct(),
                    fr,
                    Feedback.silent());
            enrolView[0] = Views.load(new io.fcs.terminal.enrol.EnrolView(enrol, null), fr);
            enrol.scanned("FCSENROL1|...");
        });
        Path enrolFile = shoot(robot, enrolView[0], "enrol-refused");

        for (Path file : List.of(posFile, admittedFile, refusedFile, kioskFile, enrolFile)) {
            assertThat(Files.size(file)).isGreaterThan(1000);
        }
    }

    static final class DemoSaleDesk implements SaleDesk {
        static final List<Product> PRODUCTS = List.of(
                new Product("beer", "Beer 50 cl", 650, "drinks"),
                new Product("cider", "Cider", 600, "drinks"),
                new Product("water", "Water", 250, "drinks"),
                new Product("soda", "Soda", 350, "drinks"),
                new Product("fries", "Fries", 450, "food"),
                new Product("crepe", "Crêpe", 500, "food"),
                new Product("cup", "Cup deposit", 100, "deposit"));
        private final List<JournalLine> lines = new ArrayList<>();

        @Override
        public io.fcs.protocol.value.Currency currency() {
            return io.fcs.protocol.value.Currency.EUR;
        }

        @Override
        public List<Product> catalogue() {
            return PRODUCTS;
        }

        @Override
        public void openShift(Staff staff) {
            lines.add(new JournalLine(
                    1,
                    "r1",
                    "SALE",
                    "04aa",
                    1300,
                    700L,
                    "s",
                    "Alice",
                    "EDGE",
                    "",
                    Instant.parse("2026-07-10T19:40:00Z"),
                    false));
            lines.add(new JournalLine(
                    2,
                    "r2",
                    "SALE",
                    "04bb",
                    450,
                    1550L,
                    "s",
                    "Alice",
                    "OFFLINE",
                    "",
                    Instant.parse("2026-07-10T19:52:00Z"),
                    false));
        }

        @Override
        public TapOutcome charge(SaleRequest sale, Duration tapWait) {
            lines.add(new JournalLine(
                    3,
                    "r3",
                    "SALE",
                    "04cc",
                    sale.total().minor(),
                    2450L,
                    "s",
                    "Alice",
                    "EDGE",
                    "",
                    Instant.parse("2026-07-10T20:01:00Z"),
                    false));
            return new TapOutcome.Approved("04cc", sale.total(), Money.eur(2450), TapOutcome.Authority.EDGE, "r3", 3);
        }

        @Override
        public TapOutcome voidLastSale(Staff supervisor, Duration tapWait) {
            return TapOutcome.Refused.of(TapOutcome.Reason.NOT_VOIDABLE);
        }

        @Override
        public TapOutcome completePending(Duration tapWait) {
            return TapOutcome.Refused.of(TapOutcome.Reason.NO_WRISTBAND);
        }

        @Override
        public ShiftReport currentShift() {
            long total = lines.stream().mapToLong(JournalLine::amountMinor).sum();
            return new ShiftReport(
                    "s", "Alice", lines, lines.size(), Money.eur(total), 0, Money.eur(0), Money.eur(450));
        }

        @Override
        public ShiftReport closeShift() {
            return currentShift();
        }
    }

    record DemoGateDesk(GateOutcome outcome) implements GateDesk {
        @Override
        public GateOutcome scan(String qrText, boolean exit) {
            return outcome;
        }

        @Override
        public GateOutcome tapWristband(boolean exit, Duration wait) {
            return outcome;
        }

        @Override
        public GateOutcome bind(String ticketId, Duration wait) {
            return new GateOutcome.Bound(ticketId, "04aa");
        }

        @Override
        public GateCounters counters() {
            return new GateCounters(1843, 212);
        }
    }

    static final class DemoKioskDesk implements KioskDesk {
        @Override
        public io.fcs.protocol.value.Currency currency() {
            return io.fcs.protocol.value.Currency.EUR;
        }

        @Override
        public BalanceOutcome balance(Duration wait) {
            return new BalanceOutcome.Balance(
                    "04aa",
                    Money.eur(2450),
                    List.of(
                            new JournalLine(
                                    9,
                                    "r9",
                                    "SALE",
                                    "04aa",
                                    1300,
                                    2450L,
                                    "s",
                                    "Bar 2",
                                    "EDGE",
                                    "",
                                    Instant.parse("2026-07-10T20:01:00Z"),
                                    false),
                            new JournalLine(
                                    4,
                                    "r4",
                                    "TOPUP_CARD",
                                    "04aa",
                                    3000,
                                    3750L,
                                    "",
                                    "kiosk",
                                    "EDGE",
                                    "",
                                    Instant.parse("2026-07-10T18:30:00Z"),
                                    false)));
        }

        @Override
        public TapOutcome topUpByCard(Money amount, Duration wait) {
            return TapOutcome.Refused.of(TapOutcome.Reason.NO_WRISTBAND);
        }

        @Override
        public TapOutcome topUpCash(Money amount, Staff cashier, Duration wait) {
            return TapOutcome.Refused.of(TapOutcome.Reason.DRAWER_CLOSED);
        }

        @Override
        public DrawerReport openDrawer(Staff cashier, Money openingFloat) {
            return drawer();
        }

        @Override
        public DrawerReport drawer() {
            return new DrawerReport(false, "", Money.eur(0), Money.eur(0), 0, Optional.empty());
        }

        @Override
        public DrawerReport closeDrawer(Money counted) {
            return drawer();
        }
    }
}
