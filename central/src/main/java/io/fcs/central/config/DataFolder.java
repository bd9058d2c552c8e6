package io.fcs.central.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The data folder: H2 files and the secrets central generates when none is configured (JWT
 * secret, personal-data key, webhook secret). Generated secrets are written once, readable by
 * the owner only, and reused on every later start.
 */
@Component
public final class DataFolder {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path root;

    public DataFolder(CentralProperties properties) {
        this.root = properties.dataDir().toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The content of {@code name} in the data folder, if it exists. */
    public Optional<String> read(String name) {
        Path file = root.resolve(name);
        try {
            return Files.exists(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The secret stored in {@code name}, generating {@code bytes} random bytes (base64) on first
     * use. Concurrent first starts on one folder keep whichever file was written first.
     */
    public synchronized String secret(String name, int bytes) {
        Optional<String> existing = read(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        String value = Base64.getEncoder().encodeToString(raw);
        Path file = root.resolve(name);
        try {
            Files.createDirectories(root);
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            return value;
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return read(name).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
