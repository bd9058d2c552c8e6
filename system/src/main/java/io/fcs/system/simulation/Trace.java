package io.fcs.system.simulation;

import io.fcs.protocol.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A running SHA-256 over every event of a run: two runs are the same run when their hashes are. */
final class Trace {

    private final MessageDigest digest;
    private long events;

    Trace() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    void event(long time, String line) {
        events++;
        digest.update(Long.toString(time).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ' ');
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    long events() {
        return events;
    }

    String hash() {
        try {
            return Bytes.hex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests clone", e);
        }
    }
}
