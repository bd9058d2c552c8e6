package io.fcs.central.wallet;

import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves festival ids of requests against the festivals central-a's set-up keeps (table
 * {@code festival}): unknown ids are a 404 {@code not_found}, so nothing is ever opened for a
 * festival that does not exist.
 */
@Component
public class FestivalGuard {

    private final JdbcClient jdbc;

    FestivalGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the cashless needs of a festival. */
    public record FestivalFacts(FestivalId id, Currency currency, long offlineAllowanceCents, String status) {}

    public Optional<FestivalFacts> find(UUID festivalId) {
        if (festivalId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, currency, offline_allowance_cents, status FROM festival WHERE id = :id")
                .param("id", festivalId)
                .query((rs, n) -> new FestivalFacts(
                        FestivalId.of(rs.getObject("id", UUID.class)),
                        Currency.of(rs.getString("currency")),
                        rs.getLong("offline_allowance_cents"),
                        rs.getString("status")))
                .optional();
    }

    /** The festival, or 404 {@code not_found}. */
    public FestivalId require(UUID festivalId) {
        return find(festivalId).map(FestivalFacts::id).orElseThrow(() -> ApiException.notFound("festival"));
    }
}
