package io.fcs.terminal.login;

import java.time.Duration;
import java.util.Optional;

/** Port: waits for a staff badge on the NFC reader and answers its UID (hex), or empty. */
@FunctionalInterface
public interface BadgeReader {

    Optional<String> awaitBadge(Duration timeout);
}
