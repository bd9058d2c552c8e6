package io.fcs.central.privacy;

import java.util.UUID;

/**
 * Implemented by every package that keeps personal data about a user: contributes its part of
 * the GDPR export and pseudonymises it on erasure. Financial records (ledger, orders, amounts)
 * stay; only what identifies the person goes.
 */
public interface PersonalDataContributor {

    /** The name of this part in the export, e.g. {@code tickets}. */
    String section();

    /** The user's data of this part, as JSON-serialisable values. */
    Object export(UUID userId);

    /** Removes or pseudonymises what identifies the user, in the caller's transaction. */
    void erase(UUID userId);
}
