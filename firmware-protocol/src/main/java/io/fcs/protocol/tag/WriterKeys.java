package io.fcs.protocol.tag;

import io.fcs.protocol.crypto.Ed25519.VerificationKey;
import io.fcs.protocol.value.TerminalId;
import java.util.Map;
import java.util.Optional;

/**
 * Where the verification key of the terminal that wrote a chip state is found. Terminal-app and
 * the edge plug in their key store (enrolled terminals of the festival, revocations applied).
 */
@FunctionalInterface
public interface WriterKeys {

    Optional<VerificationKey> lookup(TerminalId writer);

    /** A fixed directory, for tests and small tools. */
    static WriterKeys of(Map<TerminalId, VerificationKey> keys) {
        Map<TerminalId, VerificationKey> copy = Map.copyOf(keys);
        return writer -> Optional.ofNullable(copy.get(writer));
    }
}
