package io.fcs.central.sync;

import io.fcs.central.web.ApiException;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The edge ↔ central sync API (CONTRACTS "Edge ↔ central sync HTTP", docs/sync.md). Records are
 * self-authenticating, so a batch is accepted from any edge; {@code Fcs-Edge-Id} attributes it.
 */
@RestController
@RequestMapping("/sync/v1")
class SyncController {

    static final String EDGE_HEADER = "Fcs-Edge-Id";

    private final RecordIngestion ingestion;
    private final Downlink downlink;
    private final EdgeReports reports;
    private final SyncConfig config;
    private final MessageCodec codec = MessageCodec.withMaxBytes(8 << 20);

    SyncController(RecordIngestion ingestion, Downlink downlink, EdgeReports reports, SyncConfig config) {
        this.ingestion = ingestion;
        this.downlink = downlink;
        this.reports = reports;
        this.config = config;
    }

    @PostMapping(
            path = "/records",
            consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
            produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<byte[]> records(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = EDGE_HEADER, required = false) String edge) {
        if (body == null || body.length == 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_batch", "the body must be a RecordBatch message");
        }
        WatermarkAck ack = ingestion.ingest(body, edge(edge));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(codec.encode(ack));
    }

    @GetMapping("/festivals/{festivalId}/wallets")
    Downlink.Wallets wallets(
            @PathVariable("festivalId") String festivalId,
            @RequestParam(name = "since", defaultValue = "0") long since) {
        return downlink.wallets(config.requireFestival(festivalId), requireSince(since));
    }

    @GetMapping("/festivals/{festivalId}/deny-list")
    Map<String, Object> denyList(
            @PathVariable("festivalId") String festivalId,
            @RequestParam(name = "since", defaultValue = "0") long since) {
        FestivalId festival = config.requireFestival(festivalId);
        Downlink.DeniedWristbands bands = downlink.deniedWristbands(festival, requireSince(since));
        return Map.of(
                "version", bands.version(),
                "wristbands", bands.wristbands(),
                "tickets", config.revokedTickets(festival),
                "terminals", config.revokedTerminals(festival));
    }

    @GetMapping("/festivals/{festivalId}/config")
    Map<String, Object> config(@PathVariable("festivalId") String festivalId) {
        return config.of(config.requireFestival(festivalId));
    }

    @PostMapping("/presence")
    ResponseEntity<Void> presence(
            @RequestBody EdgeReports.Presence presence,
            @RequestHeader(name = EDGE_HEADER, required = false) String edge) {
        reports.presence(presence, edge(edge));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/checkins")
    ResponseEntity<Void> checkins(
            @RequestBody List<Map<String, Object>> checkins,
            @RequestHeader(name = EDGE_HEADER, required = false) String edge) {
        reports.checkins(checkins, edge(edge));
        return ResponseEntity.noContent().build();
    }

    private static long requireSince(long since) {
        if (since < 0) {
            throw ApiException.badRequest("since is a version, zero or more");
        }
        return since;
    }

    static Optional<EdgeId> edge(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EdgeId.parse(header.strip()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", EDGE_HEADER + " must be a UUID");
        }
    }

    static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(what + " must be a UUID");
        }
    }
}
