package io.fcs.central.privacy;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Data-key rotation for personal data at rest (decision 0221): where the encrypted values stand
 * per key, and the re-encryption run an administrator starts after putting a new key first in
 * {@code CENTRAL_DATA_KEY}. A run is bounded; calling again resumes where it stopped.
 */
@RestController
@Tag(name = "privacy")
@PreAuthorize("hasRole('ADMIN')")
class DataKeyController {

    private final DataKeyRotation rotation;
    private final AuditLog audit;

    DataKeyController(DataKeyRotation rotation, AuditLog audit) {
        this.rotation = rotation;
        this.audit = audit;
    }

    @GetMapping("/admin/data-keys")
    DataKeyRotation.Report status() {
        return rotation.status();
    }

    record RunRequest(Integer batchSize, Long maxRows) {}

    @PostMapping("/admin/data-keys/re-encryption")
    DataKeyRotation.Report reencrypt(@RequestBody(required = false) RunRequest body) {
        int batch = body == null || body.batchSize() == null ? 500 : body.batchSize();
        long rows = body == null || body.maxRows() == null ? 100_000 : body.maxRows();
        if (batch < 1 || batch > DataKeyRotation.MAX_BATCH) {
            throw ApiException.badRequest("batchSize is 1.." + DataKeyRotation.MAX_BATCH);
        }
        if (rows < 1 || rows > DataKeyRotation.MAX_ROWS) {
            throw ApiException.badRequest("maxRows is 1.." + DataKeyRotation.MAX_ROWS);
        }
        DataKeyRotation.Report report = rotation.reencrypt(batch, rows);
        audit.record(
                "privacy.data_reencrypted",
                null,
                report.activeKeyId(),
                Map.of(
                        "reencrypted", report.reencrypted(),
                        "failed", report.failed(),
                        "complete", report.complete(),
                        "retirableKeyIds", String.join(",", report.retirableKeyIds())));
        return report;
    }
}
