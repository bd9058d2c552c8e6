package io.fcs.protocol.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden vector files under {@code src/test/resources/vectors/}: blocks of
 * {@code key: value} lines separated by blank lines, {@code #} starts a comment line. A value is
 * everything after the colon and the spaces following it, to the end of the line (trailing spaces
 * belong to the value: Base45 text may end in one); a value may be empty. Other modules read the same files from firmware-protocol's
 * test-jar to check their own encoders.
 */
public final class Vectors {

    private Vectors() {}

    /** One block of a vector file. */
    public record Vector(Map<String, String> fields) {

        /** The value of a field; throws if the vector has none (a broken vector file). */
        public String get(String key) {
            String value = fields.get(key);
            if (value == null) {
                throw new IllegalStateException("vector " + fields + " has no field " + key);
            }
            return value;
        }

        public boolean has(String key) {
            return fields.containsKey(key);
        }
    }

    /** The vectors of a class-path resource such as {@code /vectors/records/records.txt}. */
    public static List<Vector> load(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no vector file " + resource + " on the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Vector> parse(String text) {
        List<Vector> vectors = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.isBlank()) {
                if (!current.isEmpty()) {
                    vectors.add(new Vector(Map.copyOf(current)));
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("vector line without 'key:' : " + line);
            }
            String key = trimmed.substring(0, colon).strip();
            if (current.put(key, trimmed.substring(colon + 1).stripLeading()) != null) {
                throw new IllegalStateException("field " + key + " twice in one vector");
            }
        }
        if (!current.isEmpty()) {
            vectors.add(new Vector(Map.copyOf(current)));
        }
        return List.copyOf(vectors);
    }
}
