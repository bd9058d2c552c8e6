package io.fcs.central.wallet;

import io.fcs.central.web.ApiException;
import java.util.UUID;

/** Checks of request fields shared by the cashless endpoints: missing fields are a 400. */
final class Requests {

    private Requests() {}

    static UUID festival(UUID festivalId) {
        if (festivalId == null) {
            throw ApiException.badRequest("festivalId is required");
        }
        return festivalId;
    }

    static long amount(Long amountCents) {
        if (amountCents == null) {
            throw ApiException.badRequest("amountCents is required");
        }
        return amountCents;
    }
}
