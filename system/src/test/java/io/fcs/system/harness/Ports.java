package io.fcs.system.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Free loopback ports and the runnable jars the build left in each module's {@code target}. */
public final class Ports {

    private Ports() {}

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: failsafe runs the tests in the {@code system} module's folder. */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("system")) ? here : here.getParent();
    }

    /** The module's runnable jar; a clear failure when the module was not built. */
    public static Path jar(String module) {
        Path target = root().resolve(module).resolve("target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            Optional<Path> jar = files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(module + "-")
                                && name.endsWith(".jar")
                                && !name.endsWith("-sources.jar")
                                && !name.endsWith("-tests.jar")
                                && !name.endsWith("-plain.jar");
                    })
                    .findFirst();
            return jar.orElseThrow(() -> new IllegalStateException(
                    module + " is not built: run ./mvnw -q -pl system -am verify (it packages every module first)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
