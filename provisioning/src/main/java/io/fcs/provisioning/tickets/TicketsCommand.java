package io.fcs.provisioning.tickets;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.ticket.TicketRefusal;
import io.fcs.protocol.ticket.TicketVerification;
import io.fcs.protocol.ticket.TicketVerifier;
import io.fcs.protocol.value.FestivalId;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.Progress;
import io.fcs.provisioning.ProvisioningException;
import io.fcs.provisioning.bundle.QrCodes;
import io.fcs.provisioning.central.CentralClient;
import io.fcs.provisioning.central.CentralClient.IssuedTicket;
import io.fcs.provisioning.central.CentralOptions;
import io.fcs.provisioning.keys.FestivalKeys;
import io.fcs.provisioning.keys.KeysOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tickets print}: QR codes of issued tickets for the box office or a mail merge. */
@Command(
        name = "tickets",
        mixinStandardHelpOptions = true,
        description = "Print issued tickets' QR codes.",
        subcommands = {TicketsCommand.Print.class})
public final class TicketsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a tickets command is required");
    }

    @Command(
            name = "print",
            mixinStandardHelpOptions = true,
            description =
                    "Fetch the festival's valid tickets from central (GET /admin/festivals/{id}/tickets?status=VALID)"
                            + " or read them from --from, check each QR text, and write one PNG per ticket, tickets.pdf (12 per"
                            + " A4 page) and tickets.csv (for a mail merge).")
    static final class Print implements Runnable {
        static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

        @Spec
        CommandSpec spec;

        @Option(
                names = "--festival",
                required = true,
                paramLabel = "UUID",
                description = "Festival id (env FCS_FESTIVAL).")
        String festival;

        @Option(
                names = "--from",
                paramLabel = "FILE",
                description = "JSON list in central's shape [{id, type, holderName, qrCode, status}] instead of asking"
                        + " central (env FCS_FROM).")
        Path from;

        @Option(
                names = "--out",
                defaultValue = "tickets",
                paramLabel = "DIR",
                description = "Output directory (env FCS_OUT; default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(
                names = "--verify",
                description = "Also check each signature against the ticket keys of --keys-dir (env FCS_VERIFY).")
        boolean verify;

        @Option(
                names = "--scale",
                defaultValue = "8",
                paramLabel = "PIXELS",
                description = "Pixels per QR module in the PNGs (env FCS_SCALE; default: ${DEFAULT-VALUE}).")
        int scale;

        @Mixin
        KeysOptions keysOptions;

        @Mixin
        CentralOptions centralOptions;

        private final Context context;

        Print(Context context) {
            this.context = context;
        }

        @Override
        public void run() {
            FestivalId festivalId;
            try {
                festivalId = FestivalId.parse(festival);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--festival: " + e.getMessage());
            }
            if (scale < 1 || scale > 40) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be 1..40");
            }
            List<IssuedTicket> tickets = from != null
                    ? CentralClient.parseTickets(
                            new String(AtomicFiles.read(from, "ticket list"), StandardCharsets.UTF_8))
                    : centralOptions.connect(context).validTickets(festivalId);
            TicketVerifier verifier = new TicketVerifier(festivalId, verify ? trustedKeys(festivalId) : List.of());
            for (IssuedTicket ticket : tickets) {
                check(ticket, verifier, verify);
            }
            PrintWriter writer = spec.commandLine().getOut();
            Progress progress = new Progress(writer, context.interactive(), context.clock(), "tickets", tickets.size());
            List<PdfSheet.Cell> cells = new ArrayList<>();
            StringBuilder csv = new StringBuilder("ticketId,holderName,type,png,qrCode\n");
            for (IssuedTicket ticket : tickets) {
                String png = ticket.id() + ".png";
                AtomicFiles.write(out.resolve(png), QrCodes.png(ticket.qrCode(), scale));
                cells.add(new PdfSheet.Cell(
                        QrCodes.matrix(ticket.qrCode()), List.of(ticket.holderName(), ticket.type(), ticket.id())));
                csv.append(csv(ticket.id()))
                        .append(',')
                        .append(csv(ticket.holderName()))
                        .append(',')
                        .append(csv(ticket.type()))
                        .append(',')
                        .append(png)
                        .append(',')
                        .append(csv(ticket.qrCode()))
                        .append('\n');
                progress.step(ticket.id());
            }
            progress.finish();
            AtomicFiles.write(out.resolve("tickets.pdf"), PdfSheet.render(cells));
            AtomicFiles.writeString(out.resolve("tickets.csv"), csv.toString());
            writer.println("printed " + tickets.size() + " ticket(s) to " + out + " (PNGs, tickets.pdf, tickets.csv)");
            writer.flush();
        }

        /** Without --verify no key is trusted: a well-formed ticket then answers UNKNOWN_KEY. */
        private static void check(IssuedTicket ticket, TicketVerifier verifier, boolean verify) {
            if (!SAFE_ID.matcher(ticket.id()).matches()) {
                throw ProvisioningException.refused("ticket id " + ticket.id() + " is not a plain id; nothing printed");
            }
            TicketVerification verification = verifier.verify(ticket.qrCode());
            if (verification instanceof TicketVerification.Refused refused
                    && (verify || refused.reason() != TicketRefusal.UNKNOWN_KEY)) {
                throw ProvisioningException.refused("ticket " + ticket.id() + " has a bad QR code (" + refused.reason()
                        + ": " + refused.detail() + "); nothing printed");
            }
        }

        private List<Ed25519.VerificationKey> trustedKeys(FestivalId festivalId) {
            Properties summary = FestivalKeys.readSummary(keysOptions.dir);
            if (!festivalId.toString().equals(summary.getProperty("festival"))) {
                throw ProvisioningException.refused("the keys in " + keysOptions.dir + " are of festival "
                        + summary.getProperty("festival") + ", not " + festivalId);
            }
            List<Ed25519.VerificationKey> keys = new ArrayList<>();
            for (String name : summary.stringPropertyNames()) {
                if (name.startsWith("ticketKey.") && name.endsWith(".publicKey")) {
                    keys.add(new Ed25519.VerificationKey(Base64.getDecoder().decode(summary.getProperty(name))));
                }
            }
            return keys;
        }

        private static String csv(String value) {
            String safe = value.startsWith("=") || value.startsWith("+") || value.startsWith("@") ? "'" + value : value;
            return safe.contains(",") || safe.contains("\"") || safe.contains("\n")
                    ? "\"" + safe.replace("\"", "\"\"") + "\""
                    : safe;
        }
    }
}
