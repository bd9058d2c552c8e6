package io.fcs.provisioning.keys;

import io.fcs.protocol.value.FestivalId;
import io.fcs.provisioning.ProvisioningException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the festival's keys live ({@code --keys-dir}, env {@code FCS_KEYS_DIR}). */
public final class KeysOptions {

    @Option(
            names = {"--dir", "--keys-dir"},
            paramLabel = "DIR",
            defaultValue = "festival-keys",
            description = "Directory of the festival key store (env FCS_KEYS_DIR; default: ${DEFAULT-VALUE}).")
    public Path dir;

    /** Opens the store; when the command also names a festival, it must be the store's. */
    public FestivalKeys open(PasswordOptions password, FestivalId expectedFestival) {
        FestivalKeys keys = FestivalKeys.open(dir, password.password());
        if (expectedFestival != null && !expectedFestival.equals(keys.festivalId())) {
            throw ProvisioningException.refused(
                    "the keys in " + dir + " are festival " + keys.festivalId() + ", not " + expectedFestival);
        }
        return keys;
    }
}
