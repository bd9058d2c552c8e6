package io.fcs.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the runnable jar each module's build left in its {@code target} folder. */
final class BuiltJars {

    private final Path root;

    BuiltJars(Path root) {
        this.root = root;
    }

    /** The module's runnable jar, or empty when the module was not built. */
    Optional<Path> of(String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(module + "-")
                                && name.endsWith(".jar")
                                && !name.endsWith("-sources.jar")
                                && !name.endsWith("-tests.jar")
                                && !name.endsWith("-plain.jar")
                                && !name.startsWith("original-");
                    })
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
