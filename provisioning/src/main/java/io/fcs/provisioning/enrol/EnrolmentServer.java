package io.fcs.provisioning.enrol;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fcs.provisioning.AtomicFiles;
import io.fcs.provisioning.ProvisioningException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves each sealed config bundle once, until its token expires: {@code GET /enrol/<token>}
 * answers 200 with the sealed bytes the first time, 410 {@code used} after, 410
 * {@code expired} after the expiry, 404 for a token it never had. Pending bundles are files
 * {@code <keys-dir>/enrolments/<token>.<expiry epoch s>.sealed}; taking one moves it away
 * atomically, so two devices racing for one token cannot both get it.
 */
public final class EnrolmentServer implements AutoCloseable {

    static final String DIR = "enrolments";
    static final String USED = "used";
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** What a token request gets. */
    sealed interface Outcome {
        record Served(byte[] sealed) implements Outcome {}

        record Refused(int status, String reason) implements Outcome {}
    }

    private final Path dir;
    private final Clock clock;
    private HttpServer server;

    public EnrolmentServer(Path keysDir, Clock clock) {
        this.dir = keysDir.resolve(DIR);
        this.clock = clock;
    }

    static Path pendingFile(Path keysDir, String token, Instant expires) {
        return keysDir.resolve(DIR).resolve(token + "." + expires.getEpochSecond() + ".sealed");
    }

    /** Takes a token's bundle, at most once. */
    synchronized Outcome take(String token) {
        if (!TOKEN.matcher(token).matches()) {
            return new Outcome.Refused(404, "unknown");
        }
        Path used = dir.resolve(USED).resolve(token);
        Optional<Path> pending = find(token);
        if (pending.isEmpty()) {
            return Files.exists(used) ? new Outcome.Refused(410, "used") : new Outcome.Refused(404, "unknown");
        }
        Path file = pending.get();
        String name = file.getFileName().toString();
        long expires = Long.parseLong(name.substring(token.length() + 1, name.length() - ".sealed".length()));
        try {
            Files.createDirectories(used.getParent());
            if (!clock.instant().isBefore(Instant.ofEpochSecond(expires))) {
                Files.deleteIfExists(file);
                return new Outcome.Refused(410, "expired");
            }
            Path taken = used.resolveSibling(token + ".taking");
            try {
                AtomicFiles.move(file, taken);
            } catch (NoSuchFileException e) {
                return new Outcome.Refused(410, "used");
            }
            byte[] sealed = Files.readAllBytes(taken);
            Files.write(used, clock.instant().toString().getBytes(StandardCharsets.US_ASCII));
            Files.delete(taken);
            return new Outcome.Served(sealed);
        } catch (IOException e) {
            throw ProvisioningException.io("cannot serve token: " + e.getMessage(), e);
        }
    }

    private Optional<Path> find(String token) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, token + ".*.sealed")) {
            for (Path file : files) {
                return Optional.of(file);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw ProvisioningException.io("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Number of bundles still waiting for their device. */
    public int pending() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.sealed")) {
            int count = 0;
            for (Path ignored : files) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw ProvisioningException.io("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Starts serving; port 0 picks a free port. */
    public EnrolmentServer start(String bindAddress, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(bindAddress, port), 16);
        } catch (IOException e) {
            throw ProvisioningException.io("cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/enrol/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain", "method not allowed".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            String token = exchange.getRequestURI().getPath().substring("/enrol/".length());
            Outcome outcome;
            try {
                outcome = take(token);
            } catch (ProvisioningException e) {
                respond(exchange, 500, "text/plain", "storage failure".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            switch (outcome) {
                case Outcome.Served served -> respond(exchange, 200, "application/octet-stream", served.sealed());
                case Outcome.Refused refused ->
                    respond(
                            exchange,
                            refused.status(),
                            "text/plain",
                            refused.reason().getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
