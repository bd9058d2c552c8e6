package io.fcs.protocol.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's pcscd in the foreground with one vsmartcard virtual reader (vpcd) listening on a free
 * loopback port, for the integration tests that go through the real PC/SC stack. A wristband is
 * laid on the reader with {@link VpcdCard#lay}. Requires the {@code pcscd} and
 * {@code vsmartcard-vpcd} packages ({@link SystemPackages#require}); {@link #close} stops pcscd.
 */
public final class VirtualReaderPcscd implements AutoCloseable {

    private final Process pcscd;
    private final int port;

    private VirtualReaderPcscd(Process pcscd, int port) {
        this.pcscd = pcscd;
        this.port = port;
    }

    /** Starts pcscd with its configuration and log in {@code dir}; the reader is named {@code friendlyName}. */
    public static VirtualReaderPcscd start(Path dir, String friendlyName) throws IOException {
        Path executable = SystemPackages.require("pcscd", "/usr/sbin/pcscd");
        SystemPackages.require("vsmartcard-vpcd", "/usr/bin/vpcd-config");
        quickAck();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path conf = Files.createDirectories(dir.resolve("reader.conf.d"));
        Files.writeString(conf.resolve("vpcd"), """
                FRIENDLYNAME "%s"
                DEVICENAME   /dev/null:0x%X
                LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
                CHANNELID    0x%X
                """.formatted(friendlyName, port, port));
        Process pcscd = new ProcessBuilder(executable.toString(), "--foreground", "--config", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pcscd.log").toFile())
                .start();
        return new VirtualReaderPcscd(pcscd, port);
    }

    /** The loopback port the virtual reader waits for a card on. */
    public int port() {
        return port;
    }

    /** Each APDU costs ~48 ms of delayed ACKs on loopback without this; needs root, harmless to skip. */
    private static void quickAck() {
        try {
            new ProcessBuilder(
                            "ip",
                            "route",
                            "change",
                            "local",
                            "127.0.0.0/8",
                            "dev",
                            "lo",
                            "table",
                            "local",
                            "quickack",
                            "1")
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // slower, still correct
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        pcscd.destroy();
        if (!pcscd.waitFor(10, TimeUnit.SECONDS)) {
            pcscd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
