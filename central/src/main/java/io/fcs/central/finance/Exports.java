package io.fcs.central.finance;

import io.fcs.central.ledger.AccountKind;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.PostedEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The journal as files for accountants: CSV (one row per line) and the French FEC (Fichier des
 * écritures comptables, article A47 A-1 of the Livre des procédures fiscales): the 18 columns,
 * tab-separated, dates {@code yyyyMMdd}, amounts with a comma as decimal separator. Ledger
 * accounts map to plan comptable général numbers by {@link AccountKind#pcgNumber()}; accounts
 * kept per subject (wallet, point of sale, shift) carry the subject as auxiliary account.
 */
final class Exports {

    static final List<String> FEC_COLUMNS = List.of(
            "JournalCode",
            "JournalLib",
            "EcritureNum",
            "EcritureDate",
            "CompteNum",
            "CompteLib",
            "CompAuxNum",
            "CompAuxLib",
            "PieceRef",
            "PieceDate",
            "EcritureLib",
            "Debit",
            "Credit",
            "EcritureLet",
            "DateLet",
            "ValidDate",
            "Montantdevise",
            "Idevise");

    static final String CSV_HEADER = "entrySequence,entryId,postedAt,occurredAt,category,description,terminalId,"
            + "flagged,idempotencyKey,account,accountKind,subject,pcgAccount,debitCents,creditCents,currency";

    private static final DateTimeFormatter FEC_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private Exports() {}

    static String csv(List<PostedEntry> journal) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (PostedEntry entry : journal) {
            for (PostedEntry.Line line : entry.lines()) {
                long amount = line.amount().minor();
                out.append(entry.sequence())
                        .append(',')
                        .append(entry.id())
                        .append(',')
                        .append(entry.postedAt())
                        .append(',')
                        .append(entry.occurredAt())
                        .append(',')
                        .append(entry.category())
                        .append(',')
                        .append(csvField(entry.description()))
                        .append(',')
                        .append(entry.terminal().map(Object::toString).orElse(""))
                        .append(',')
                        .append(entry.flagged())
                        .append(',')
                        .append(csvField(entry.idempotencyKey()))
                        .append(',')
                        .append(line.account().name())
                        .append(',')
                        .append(line.account().kind())
                        .append(',')
                        .append(line.account().subject())
                        .append(',')
                        .append(line.account().kind().pcgNumber())
                        .append(',')
                        .append(amount > 0 ? amount : 0)
                        .append(',')
                        .append(amount < 0 ? -amount : 0)
                        .append(',')
                        .append(line.amount().currency())
                        .append("\r\n");
            }
        }
        return out.toString();
    }

    static String fec(List<PostedEntry> journal, String bookCurrency) {
        StringBuilder out = new StringBuilder(String.join("\t", FEC_COLUMNS)).append("\r\n");
        for (PostedEntry entry : journal) {
            Journal journalCode = Journal.of(entry.category());
            for (PostedEntry.Line line : entry.lines()) {
                long amount = line.amount().minor();
                AccountKind kind = line.account().kind();
                boolean foreign = !line.amount().currency().code().equals(bookCurrency);
                String[] row = {
                    journalCode.name(),
                    journalCode.label,
                    Long.toString(entry.sequence()),
                    date(entry.postedAt()),
                    kind.pcgNumber(),
                    kind.pcgLabel(),
                    kind.perSubject() ? line.account().subject() : "",
                    kind.perSubject()
                            ? kind.name().toLowerCase(java.util.Locale.ROOT) + " "
                                    + line.account().subject()
                            : "",
                    entry.idempotencyKey(),
                    date(entry.occurredAt()),
                    entry.description(),
                    decimal(amount > 0 ? amount : 0),
                    decimal(amount < 0 ? -amount : 0),
                    "",
                    "",
                    date(entry.postedAt()),
                    foreign ? decimal(amount) : "",
                    foreign ? line.amount().currency().code() : ""
                };
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        out.append('\t');
                    }
                    out.append(fecField(row[i]));
                }
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    /** FEC journals: one per kind of movement. */
    enum Journal {
        PM("Porte-monnaie - rechargements"),
        VT("Ventes"),
        RB("Remboursements"),
        TR("Tresorerie et caisses"),
        OD("Operations diverses"),
        BI("Billetterie");

        final String label;

        Journal(String label) {
            this.label = label;
        }

        static Journal of(EntryCategory category) {
            return switch (category) {
                case TOP_UP -> PM;
                case SALE, SALE_REVERSAL -> VT;
                case PAYOUT -> RB;
                case SETTLEMENT -> TR;
                case TRANSFER, ADJUSTMENT, WRITE_OFF -> OD;
                case TICKETING -> BI;
            };
        }
    }

    /** {@code 1234} cents as {@code 12,34}; negative as {@code -12,34}. */
    static String decimal(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        return sign + (abs / 100) + "," + String.format("%02d", abs % 100);
    }

    static String date(Instant instant) {
        return FEC_DATE.format(instant);
    }

    private static String fecField(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }

    private static String csvField(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replace('\r', ' ').replace('\n', ' ');
        if (!clean.isEmpty() && "=+-@".indexOf(clean.charAt(0)) >= 0) {
            // a spreadsheet would run it as a formula
            clean = "'" + clean;
        }
        if (clean.contains(",") || clean.contains("\"")) {
            return "\"" + clean.replace("\"", "\"\"") + "\"";
        }
        return clean;
    }
}
