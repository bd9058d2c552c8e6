package io.fcs.protocol.tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code key=value} golden vector files from {@code src/test/resources/vectors/}. */
final class Vectors {

    private Vectors() {}

    static Map<String, String> load(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing vector file " + resource);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
