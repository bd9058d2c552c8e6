package io.fcs.provisioning.wristband;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.reader.InitialiseOutcome;
import io.fcs.protocol.reader.TagIdentity;
import io.fcs.protocol.reader.WristbandSession;
import io.fcs.protocol.tag.ChipFlag;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.Progress;
import io.fcs.provisioning.ProvisioningException;
import io.fcs.provisioning.central.CentralClient;
import io.fcs.provisioning.central.CentralOptions;
import io.fcs.provisioning.enrol.DeviceRecords;
import io.fcs.provisioning.keys.FestivalKeys;
import io.fcs.provisioning.keys.KeysOptions;
import io.fcs.provisioning.keys.PasswordOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wristband encode | inspect}. */
@Command(
        name = "wristband",
        mixinStandardHelpOptions = true,
        description = "Encode blank wristbands in batches, or inspect one.",
        subcommands = {WristbandCommand.Encode.class, WristbandCommand.Inspect.class})
public final class WristbandCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a wristband command is required");
    }

    /** Which reader: {@code pcsc} (the first PC/SC reader, or --reader-name), or {@code simulated}. */
    static final class ReaderOptions {
        @Option(
                names = "--reader",
                defaultValue = "pcsc",
                paramLabel = "pcsc|simulated",
                description = "PC/SC reader through javax.smartcardio, or the simulated one (env FCS_READER;"
                        + " default: ${DEFAULT-VALUE}).")
        String reader;

        @Option(
                names = "--reader-name",
                paramLabel = "TEXT",
                description = "Use the PC/SC reader whose name contains this (env FCS_READER_NAME).")
        String readerName;

        @Option(
                names = "--tag-timeout",
                defaultValue = "PT30S",
                paramLabel = "DURATION",
                description = "How long to wait for each wristband (env FCS_TAG_TIMEOUT; default: ${DEFAULT-VALUE}).")
        Duration tagTimeout;

        TagSource open(Context context, CommandSpec spec) {
            return switch (reader) {
                case "pcsc" -> TagSource.pcsc(readerName);
                case "simulated" -> context.simulatedWristbands().source();
                default ->
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "--reader must be pcsc or simulated, was " + reader);
            };
        }
    }

    @Command(
            name = "encode",
            mixinStandardHelpOptions = true,
            description = "Initialise blank wristbands one after the other: layout, diversified key, protection;"
                    + " verify by reading back; record each UID at central (POST /admin/festivals/{id}/wristbands)."
                    + " A journal makes an interrupted batch resume without encoding a tag twice.")
    static final class Encode implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--count",
                required = true,
                paramLabel = "N",
                description = "Wristbands in the batch (env FCS_COUNT).")
        int count;

        @Option(
                names = "--ticket",
                paramLabel = "UUID",
                description = "Bind the (single) wristband to this ticket (env FCS_TICKET).")
        UUID ticket;

        @Option(
                names = "--staff",
                paramLabel = "UUID",
                description = "Make the (single) wristband this staff user's badge (env FCS_STAFF).")
        UUID staff;

        @Option(
                names = "--journal",
                paramLabel = "FILE",
                description =
                        "Batch journal (env FCS_JOURNAL; default: wristband-batch.journal in the keys directory).")
        Path journalFile;

        @Mixin
        ReaderOptions readerOptions;

        @Mixin
        KeysOptions keysOptions;

        @Mixin
        PasswordOptions passwordOptions;

        @Mixin
        CentralOptions centralOptions;

        private final Context context;

        Encode(Context context) {
            this.context = context;
        }

        @Override
        public void run() {
            if (count < 1 || count > 100_000) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count must be 1..100000");
            }
            if (ticket != null && staff != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --ticket or --staff, not both");
            }
            if ((ticket != null || staff != null) && count != 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "a ticket or staff wristband is encoded alone: use --count 1");
            }
            FestivalKeys keys = keysOptions.open(passwordOptions, null);
            CentralClient central = centralOptions.clientUnlessOffline();
            Path file = journalFile != null ? journalFile : keysOptions.dir.resolve("wristband-batch.journal");
            BatchJournal journal =
                    BatchJournal.open(file, BatchJournal.header(keys.festivalId(), count, ticket, staff));
            PrintWriter out = spec.commandLine().getOut();
            if (central != null) {
                for (BatchJournal.Entry entry : journal.notRegistered()) {
                    register(central, keys, journal, entry.uid(), entry.profile());
                    out.println("registered " + entry.uid() + " at central (encoded earlier)");
                }
            }
            if (journal.encoded() >= count) {
                out.println("batch already complete: " + journal.encoded() + " of " + count + " wristbands encoded");
                out.flush();
                return;
            }
            TagSource source = readerOptions.open(context, spec);
            WristbandKeys wristbandKeys = WristbandKeys.of(keys.wristbandMasterKey(), keys.festivalId());
            Progress progress = new Progress(out, context.interactive(), context.clock(), "wristbands", count);
            for (int i = 0; i < journal.encoded(); i++) {
                progress.skipped("encoded before");
            }
            out.println("lay the wristbands one by one on " + source.readerName());
            out.flush();
            while (journal.encoded() < count) {
                Optional<Card> card;
                try {
                    card = source.next(readerOptions.tagTimeout);
                } catch (CardException e) {
                    progress.finish();
                    throw ProvisioningException.io("reader " + source.readerName() + " failed or was unplugged ("
                            + e.getMessage() + "); " + stopped(journal));
                }
                if (card.isEmpty()) {
                    progress.finish();
                    throw ProvisioningException.io(
                            "no wristband on the reader within " + readerOptions.tagTimeout + "; " + stopped(journal));
                }
                try {
                    encodeOne(card.get(), wristbandKeys, keys, central, journal, progress);
                } finally {
                    source.release(card.get());
                }
            }
            progress.finish();
            out.println("batch complete: " + journal.encoded() + " wristband(s) encoded"
                    + (central == null ? " (not yet registered at central: --offline)" : " and registered at central")
                    + "; journal " + journal.file());
            out.flush();
        }

        private String stopped(BatchJournal journal) {
            return journal.encoded() + " of " + count + " encoded; run the same command again to resume (journal "
                    + journal.file() + ")";
        }

        private void encodeOne(
                Card card,
                WristbandKeys wristbandKeys,
                FestivalKeys keys,
                CentralClient central,
                BatchJournal journal,
                Progress progress) {
            WristbandSession session = WristbandSession.open(
                    card.getBasicChannel(), wristbandKeys, WriterKeys.of(Map.of()), context.random());
            TagIdentity identity = session.identify();
            switch (identity) {
                case TagIdentity.NoAnswer noAnswer -> {
                    if (noAnswer.reason() == TagReading.UnreadableReason.READER_FAILURE) {
                        progress.finish();
                        throw ProvisioningException.io(
                                "reader failed or was unplugged (" + noAnswer.detail() + "); " + stopped(journal));
                    }
                    progress.failed("no answer (" + noAnswer.reason() + "), lay the wristband again");
                }
                case TagIdentity.UnknownType unknown -> {
                    progress.finish();
                    throw ProvisioningException.refused("unknown tag type (GET_VERSION " + Bytes.hex(unknown.version())
                            + "): not a wristband this system uses; take it away. " + stopped(journal));
                }
                case TagIdentity.Unsupported unsupported -> {
                    progress.finish();
                    throw ProvisioningException.refused(
                            "tag " + unsupported.uid().hex() + " is a " + unsupported.chip() + ": "
                                    + unsupported.reason() + ". " + stopped(journal));
                }
                case TagIdentity.Identified identified -> {
                    String uid = identified.uid().hex();
                    String profile = identified.chip().profile().name();
                    if (journal.get(uid) != null) {
                        progress.skipped(uid + " already encoded by this batch");
                        return;
                    }
                    InitialiseOutcome outcome = session.initialise();
                    switch (outcome) {
                        case InitialiseOutcome.Initialised initialised -> {}
                        case InitialiseOutcome.Refused refused -> {
                            progress.finish();
                            throw ProvisioningException.refused("wristband " + uid + " refused: " + refused.reason()
                                    + " (" + refused.detail() + "); take it away. " + stopped(journal));
                        }
                        case InitialiseOutcome.Failed failed -> {
                            progress.finish();
                            throw ProvisioningException.io("encoding " + uid + " failed at " + failed.step() + " ("
                                    + failed.detail() + "); lay it again. " + stopped(journal));
                        }
                    }
                    TagReading back = session.read();
                    if (!(back instanceof TagReading.Blank blank && blank.formatted())) {
                        progress.finish();
                        throw ProvisioningException.io("wristband " + uid + " did not read back as encoded ("
                                + back.getClass().getSimpleName() + "); lay it again. " + stopped(journal));
                    }
                    journal.record(
                            BatchJournal.State.ENCODED,
                            uid,
                            profile,
                            context.clock().instant());
                    if (central != null) {
                        register(central, keys, journal, uid, profile);
                    }
                    progress.step(uid);
                }
            }
        }

        private void register(
                CentralClient central, FestivalKeys keys, BatchJournal journal, String uid, String profile) {
            central.registerWristband(keys.festivalId(), uid, profile, ticket, staff);
            journal.record(
                    BatchJournal.State.REGISTERED, uid, profile, context.clock().instant());
        }
    }

    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description = "Read one wristband and say what it is: blank, valid (wallet, balance, counter), blocked,"
                    + " torn, rolled back, cloned, forged, or an unknown tag type.")
    static final class Inspect implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        ReaderOptions readerOptions;

        @Mixin
        KeysOptions keysOptions;

        @Mixin
        PasswordOptions passwordOptions;

        private final Context context;

        Inspect(Context context) {
            this.context = context;
        }

        @Override
        public void run() {
            FestivalKeys keys = keysOptions.open(passwordOptions, null);
            WriterKeys writers = WriterKeys.of(DeviceRecords.terminalKeys(keysOptions.dir));
            TagSource source = readerOptions.open(context, spec);
            Optional<Card> card;
            try {
                card = source.next(readerOptions.tagTimeout);
            } catch (CardException e) {
                throw ProvisioningException.io(
                        "reader " + source.readerName() + " failed or was unplugged (" + e.getMessage() + ")", e);
            }
            if (card.isEmpty()) {
                throw ProvisioningException.io("no wristband on the reader within " + readerOptions.tagTimeout, null);
            }
            PrintWriter out = spec.commandLine().getOut();
            try {
                WristbandSession session = WristbandSession.open(
                        card.get().getBasicChannel(),
                        WristbandKeys.of(keys.wristbandMasterKey(), keys.festivalId()),
                        writers,
                        context.random());
                TagIdentity identity = session.identify();
                switch (identity) {
                    case TagIdentity.UnknownType unknown ->
                        throw ProvisioningException.refused(
                                "unknown tag type (GET_VERSION " + Bytes.hex(unknown.version()) + ")");
                    case TagIdentity.NoAnswer noAnswer ->
                        throw ProvisioningException.io(
                                "no answer from the tag: " + noAnswer.reason() + " (" + noAnswer.detail() + ")", null);
                    case TagIdentity.Unsupported unsupported -> {
                        out.println("uid      " + unsupported.uid().hex());
                        out.println("chip     " + unsupported.chip() + " (unsupported: " + unsupported.reason() + ")");
                    }
                    case TagIdentity.Identified identified -> {
                        out.println("uid      " + identified.uid().hex());
                        out.println("chip     " + identified.chip() + " ("
                                + identified.chip().profile() + ")");
                        describe(out, session.read());
                    }
                }
            } finally {
                source.release(card.get());
            }
            out.flush();
        }

        static void describe(PrintWriter out, TagReading reading) {
            switch (reading) {
                case TagReading.Blank blank ->
                    out.println("verdict  "
                            + (blank.formatted()
                                    ? "blank: encoded for this festival, no wallet yet"
                                    : "blank: not encoded")
                            + ", counter " + blank.chipCounter());
                case TagReading.Valid valid -> {
                    out.println("verdict  " + (valid.state().content().has(ChipFlag.BLOCKED) ? "blocked" : "valid")
                            + ", counter " + valid.chipCounter());
                    state(out, valid.state());
                }
                case TagReading.Torn torn -> {
                    out.println("verdict  torn: " + torn);
                }
                case TagReading.RolledBack rolledBack -> {
                    out.println("verdict  rolled back: an older image of the wristband, chip counter "
                            + rolledBack.chipCounter());
                    state(out, rolledBack.state());
                }
                case TagReading.Forked forked -> {
                    out.println("verdict  cloned or forked (" + forked.reason() + "), chip counter "
                            + forked.chipCounter());
                    state(out, forked.state());
                }
                case TagReading.Forged forged ->
                    out.println("verdict  forged (" + forged.reason() + ": " + forged.detail() + ")");
                case TagReading.Unreadable unreadable ->
                    out.println("verdict  unreadable (" + unreadable.reason() + ": " + unreadable.detail() + ")");
            }
        }

        private static void state(PrintWriter out, ChipState state) {
            out.println("wallet   " + state.wallet());
            out.println("balance  " + state.balance());
            out.println(
                    "state    generation " + state.generation() + ", counter " + state.chipCounter() + ", written by "
                            + state.writer() + ", flags " + state.content().flags());
        }
    }
}
