package io.fcs.provisioning.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.ticket.Ticket;
import io.fcs.protocol.ticket.TicketIssuer;
import io.fcs.protocol.ticket.ValidDays;
import io.fcs.protocol.ticket.Zones;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.provisioning.Cli;
import io.fcs.provisioning.ExitCodes;
import io.fcs.provisioning.FakeCentral;
import io.fcs.provisioning.bundle.QrCodes;
import io.fcs.provisioning.keys.FestivalKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketsCommandTest {

    static final String FESTIVAL = "6f1c0c4e-3b0a-4c2e-9d51-0a6f2d6b1e01";

    @TempDir
    Path tmp;

    Cli cli;
    String json;
    TicketId first = TicketId.random();
    TicketId second = TicketId.random();

    @BeforeEach
    void festivalWithTwoTickets() {
        cli = new Cli(tmp).env("FCS_KEYS_DIR", tmp.resolve("keys").toString());
        assertThat(cli.run("keys", "init", "--festival", FESTIVAL).exitCode()).isZero();
        FestivalKeys keys = FestivalKeys.open(tmp.resolve("keys"), Cli.PASSWORD.toCharArray());
        TicketIssuer issuer = new TicketIssuer(keys.currentTicketKey(cli.now()).signingKey());
        ValidDays days = ValidDays.range(LocalDate.parse("2026-07-10"), LocalDate.parse("2026-07-12"));
        String qr1 = issuer.issue(Ticket.of(first, FestivalId.parse(FESTIVAL), 1, days, Zones.ALL));
        String qr2 = issuer.issue(Ticket.of(second, FestivalId.parse(FESTIVAL), 2, days, Zones.ALL));
        json = "[{\"id\":\"" + first + "\",\"ticketTypeId\":\"t1\",\"type\":\"Weekend\",\"holderName\":\"Zoë (VIP)\","
                + "\"qrCode\":\"" + qr1 + "\",\"status\":\"VALID\"},"
                + "{\"id\":\"" + second + "\",\"ticketTypeId\":\"t2\",\"type\":\"Day, Friday\",\"holderName\":\"Sam\","
                + "\"qrCode\":\"" + qr2 + "\",\"status\":\"VALID\"}]";
    }

    @Test
    void ticketsFromCentralBecomeScannablePngsAPdfSheetAndAMailMergeList() throws Exception {
        try (FakeCentral central = new FakeCentral()) {
            central.tickets(json);
            Path out = tmp.resolve("print");

            Cli.Result result = cli.run(
                    "tickets",
                    "print",
                    "--festival",
                    FESTIVAL,
                    "--out",
                    out.toString(),
                    "--central",
                    central.url(),
                    "--central-token",
                    FakeCentral.TOKEN,
                    "--verify");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(central.calls("GET", "/admin/festivals/" + FESTIVAL + "/tickets?status=VALID"))
                    .hasSize(1);
            String qr1 = json.split("\"qrCode\":\"")[1].split("\"")[0];
            assertThat(QrCodes.decode(Files.readAllBytes(out.resolve(first + ".png"))))
                    .isEqualTo(qr1);
            assertThat(out.resolve(second + ".png")).exists();
            String pdf = new String(Files.readAllBytes(out.resolve("tickets.pdf")), StandardCharsets.ISO_8859_1);
            assertThat(pdf)
                    .startsWith("%PDF-1.4")
                    .contains("/Count 1")
                    .contains("(Zo\u00eb \\(VIP\\)) Tj")
                    .endsWith("%%EOF\n");
            String csv = Files.readString(out.resolve("tickets.csv"));
            assertThat(csv).contains(first + ",Zoë (VIP),Weekend," + first + ".png," + qr1);
            assertThat(csv).contains("\"Day, Friday\"");
            assertThat(result.out()).contains("tickets [").contains("2/2").contains("printed 2 ticket(s)");
        }
    }

    @Test
    void ticketsCanComeFromAFile() throws Exception {
        Path file = tmp.resolve("tickets.json");
        Files.writeString(file, json);

        Cli.Result result = cli.run(
                "tickets",
                "print",
                "--festival",
                FESTIVAL,
                "--from",
                file.toString(),
                "--out",
                tmp.resolve("p").toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(tmp.resolve("p").resolve(first + ".png")).exists();
    }

    @Test
    void aTicketWithABrokenQrTextIsRefusedAndNothingIsPrinted() throws Exception {
        Path file = tmp.resolve("tickets.json");
        Files.writeString(file, json.replaceFirst("\"qrCode\":\"FT1:", "\"qrCode\":\"FT1:%%"));

        Cli.Result result = cli.run(
                "tickets",
                "print",
                "--festival",
                FESTIVAL,
                "--from",
                file.toString(),
                "--out",
                tmp.resolve("p").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("bad QR code").contains(first.toString());
        assertThat(tmp.resolve("p")).doesNotExist();
    }

    @Test
    void aTicketSignedByAnotherKeyIsRefusedWhenVerifying() throws Exception {
        TicketIssuer stranger = new TicketIssuer(io.fcs.protocol.crypto.Ed25519.generate());
        String forged = stranger.issue(Ticket.of(
                TicketId.random(),
                FestivalId.parse(FESTIVAL),
                1,
                ValidDays.of(LocalDate.parse("2026-07-10")),
                Zones.ALL));
        Path file = tmp.resolve("tickets.json");
        Files.writeString(
                file, "[{\"id\":\"x1\",\"type\":\"Day\",\"holderName\":\"Eve\",\"qrCode\":\"" + forged + "\"}]");

        Cli.Result result = cli.run(
                "tickets",
                "print",
                "--festival",
                FESTIVAL,
                "--from",
                file.toString(),
                "--verify",
                "--out",
                tmp.resolve("p").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("UNKNOWN_KEY");
    }

    @Test
    void aListThatIsNotJsonIsRefused() throws Exception {
        Path file = tmp.resolve("tickets.json");
        Files.writeString(file, "id;qr\n1;FT1:xx\n");

        Cli.Result result = cli.run("tickets", "print", "--festival", FESTIVAL, "--from", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("not JSON");
    }

    @Test
    void centralRefusingIsExitCodeFour() {
        try (FakeCentral central = new FakeCentral()) {
            central.refuseWith(403);
            Cli.Result result = cli.run(
                    "tickets", "print", "--festival", FESTIVAL, "--central", central.url(), "--central-token", "x");
            assertThat(result.exitCode()).isEqualTo(ExitCodes.CENTRAL_REFUSED);
        }
    }
}
