package io.fcs.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files appear whole or not at all: written to a temporary file beside the target, forced to
 * disk, then moved over it atomically. Secrets are readable by the owner only.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {}

    public static void write(Path target, byte[] content) {
        write(target, content, false);
    }

    public static void writeSecret(Path target, byte[] content) {
        write(target, content, true);
    }

    public static void writeString(Path target, String content) {
        write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }

    private static void write(Path target, byte[] content, boolean secret) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            if (secret) {
                restrict(temp);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            move(temp, absolute);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw ProvisioningException.io("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Moves a finished file or directory into place, atomically where the file system can. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the directory's own protection applies
        }
    }

    public static void deleteQuietly(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort cleanup of our own temporary files
        }
    }

    public static byte[] read(Path path, String what) {
        try {
            return Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw ProvisioningException.refused(what + " not found: " + path);
        } catch (IOException e) {
            throw ProvisioningException.io("cannot read " + what + " " + path + ": " + e.getMessage(), e);
        }
    }
}
