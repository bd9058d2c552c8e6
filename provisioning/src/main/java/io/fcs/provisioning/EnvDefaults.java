package io.fcs.provisioning;

import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option can also come from an environment variable: {@code FCS_} followed by the
 * option's long name in upper case with dashes as underscores ({@code --central-token} →
 * {@code FCS_CENTRAL_TOKEN}). A command-line value wins over the variable, the variable over
 * the built-in default. Usage help shows the variable beside each option.
 */
public final class EnvDefaults implements IDefaultValueProvider {

    private final Context context;

    public EnvDefaults(Context context) {
        this.context = context;
    }

    /** The variable that feeds an option. */
    public static String variableFor(String longName) {
        return "FCS_" + longName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String fromEnv = context.env(variableFor(option.longestName())).orElse(null);
        return fromEnv != null ? fromEnv : option.defaultValue();
    }
}
