package io.fcs.provisioning.keys;

import io.fcs.protocol.value.FestivalId;
import io.fcs.provisioning.Context;
import io.fcs.provisioning.central.CentralClient;
import io.fcs.provisioning.central.CentralOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys init | show | rotate-ticket-key}: the festival's key ceremony. */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Festival key ceremony: root CA, ticket-signing keys, wristband master key.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Show.class, KeysCommand.Rotate.class, KeysCommand.Push.class
        })
public final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a keys command is required");
    }

    @Command(
            name = "init",
            mixinStandardHelpOptions = true,
            description = "Create the festival root CA (Ed25519), a ticket-signing key and the wristband master key,"
                    + " in a password-protected PKCS#12 store.")
    static final class Init implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--festival",
                required = true,
                paramLabel = "UUID",
                description = "Festival id (env FCS_FESTIVAL).")
        String festival;

        @Option(
                names = "--festival-name",
                paramLabel = "NAME",
                description = "Name in the CA certificate (env FCS_FESTIVAL_NAME; default: the festival id).")
        String festivalName;

        @Option(
                names = "--ca-validity-days",
                defaultValue = "730",
                paramLabel = "DAYS",
                description =
                        "Validity of the root CA certificate (env FCS_CA_VALIDITY_DAYS; default: ${DEFAULT-VALUE}).")
        int caValidityDays;

        @Mixin
        KeysOptions keysOptions;

        @Mixin
        PasswordOptions passwordOptions;

        private final Context context;

        Init(Context context) {
            this.context = context;
        }

        @Override
        public void run() {
            FestivalId festivalId = Options.festival(spec, festival);
            if (caValidityDays < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--ca-validity-days must be positive");
            }
            char[] password = passwordOptions.newPassword();
            Instant now = context.clock().instant();
            FestivalKeys keys = FestivalKeys.create(
                    keysOptions.dir,
                    festivalId,
                    festivalName == null ? "Festival " + festivalId : festivalName,
                    password,
                    now,
                    Duration.ofDays(caValidityDays),
                    context.random());
            PrintWriter out = spec.commandLine().getOut();
            out.println("festival keys created in " + keysOptions.dir);
            Show.print(out, FestivalKeys.readSummary(keysOptions.dir));
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print the festival's key fingerprints (never a secret; no password needed).")
    static final class Show implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        KeysOptions keysOptions;

        @Override
        public void run() {
            print(spec.commandLine().getOut(), FestivalKeys.readSummary(keysOptions.dir));
        }

        static void print(PrintWriter out, Properties summary) {
            out.println("festival            " + summary.getProperty("festival"));
            out.println("root CA             " + summary.getProperty("ca.subject"));
            out.println("  fingerprint       " + summary.getProperty("ca.fingerprint"));
            out.println("  sha-256           " + summary.getProperty("ca.sha256"));
            out.println("  valid until       " + summary.getProperty("ca.notAfter"));
            String current = summary.getProperty("ticketKey.current");
            TreeSet<String> ids = new TreeSet<>();
            for (String name : summary.stringPropertyNames()) {
                if (name.startsWith("ticketKey.") && name.endsWith(".fingerprint")) {
                    ids.add(name.substring("ticketKey.".length(), name.length() - ".fingerprint".length()));
                }
            }
            for (String id : ids) {
                String prefix = "ticketKey." + id + ".";
                String until = summary.getProperty(prefix + "validUntil", "");
                out.println("ticket key " + id + (id.equals(current) ? " (signing)" : ""));
                out.println("  fingerprint       " + summary.getProperty(prefix + "fingerprint"));
                out.println("  public key        " + summary.getProperty(prefix + "publicKey"));
                out.println("  valid             " + summary.getProperty(prefix + "validFrom") + " .. "
                        + (until.isEmpty() ? "(open)" : until));
            }
            out.println("wristband master    check value " + summary.getProperty("wristbandMaster.checkValue"));
            out.flush();
        }
    }

    @Command(
            name = "rotate-ticket-key",
            mixinStandardHelpOptions = true,
            description = "Make a new ticket-signing key; the old ones stay valid for the overlap, then expire."
                    + " With --push, installs both at central (PUT /admin/festivals/{id}/ticket-keys/{keyId}).")
    static final class Rotate implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--overlap",
                required = true,
                paramLabel = "DURATION",
                description = "How long the old key stays valid, ISO-8601 (P2D, PT12H) (env FCS_OVERLAP).")
        Duration overlap;

        @Option(names = "--push", description = "Install the keys at central too (env FCS_PUSH).")
        boolean push;

        @Mixin
        KeysOptions keysOptions;

        @Mixin
        PasswordOptions passwordOptions;

        @Mixin
        CentralOptions centralOptions;

        private final Context context;

        Rotate(Context context) {
            this.context = context;
        }

        @Override
        public void run() {
            if (overlap.isNegative()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--overlap must not be negative");
            }
            char[] password = passwordOptions.password();
            FestivalKeys keys = FestivalKeys.open(keysOptions.dir, password);
            CentralClient central = push ? centralOptions.connect(context) : null;
            Instant now = context.clock().instant();
            FestivalKeys rotated = keys.rotateTicketKey(overlap, password, now, context.random());
            PrintWriter out = spec.commandLine().getOut();
            TicketKey fresh = rotated.currentTicketKey(now);
            out.println(
                    "new ticket key " + fresh.keyId() + " (" + fresh.publicKey().fingerprint() + ")");
            if (central != null) {
                try {
                    Push.push(central, rotated, out, now);
                } catch (io.fcs.provisioning.ProvisioningException e) {
                    throw new io.fcs.provisioning.ProvisioningException(
                            e.exitCode(),
                            e.getMessage() + " (the rotation is saved here; install it with: keys push-ticket-keys)");
                }
            }
            Show.print(out, FestivalKeys.readSummary(keysOptions.dir));
        }
    }

    @Command(
            name = "push-ticket-keys",
            mixinStandardHelpOptions = true,
            description = "Install every unexpired ticket-signing key at central"
                    + " (PUT /admin/festivals/{id}/ticket-keys/{keyId}); repeating it is harmless.")
    static final class Push implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        KeysOptions keysOptions;

        @Mixin
        PasswordOptions passwordOptions;

        @Mixin
        CentralOptions centralOptions;

        private final Context context;

        Push(Context context) {
            this.context = context;
        }

        @Override
        public void run() {
            FestivalKeys keys = FestivalKeys.open(keysOptions.dir, passwordOptions.password());
            push(
                    centralOptions.connect(context),
                    keys,
                    spec.commandLine().getOut(),
                    context.clock().instant());
        }

        static void push(CentralClient central, FestivalKeys keys, PrintWriter out, Instant now) {
            for (TicketKey key : keys.ticketKeys()) {
                if (key.validUntil() == null || key.validUntil().isAfter(now)) {
                    central.putTicketKey(keys.festivalId(), key);
                    out.println("installed at central: " + key.keyId());
                }
            }
            out.flush();
        }
    }

    /** Option parsing shared by the key commands. */
    static final class Options {
        private Options() {}

        static FestivalId festival(CommandSpec spec, String text) {
            try {
                return FestivalId.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--festival: " + e.getMessage());
            }
        }
    }
}
