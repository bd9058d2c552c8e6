package io.fcs.central.sync;

import io.fcs.protocol.value.FestivalId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The review list of a festival: raised by the ingestion, resolved by finance actions. */
@Component
public class ReviewItems {

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    ReviewItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to raise; unknown parts are null. */
    public record Raise(
            FestivalId festival,
            ReviewKind kind,
            UUID terminal,
            Long sequence,
            UUID record,
            UUID wallet,
            String uid,
            Long amountCents,
            String currency,
            String detail) {

        public static Raise of(FestivalId festival, ReviewKind kind, String detail) {
            return new Raise(festival, kind, null, null, null, null, null, null, null, detail);
        }

        public Raise terminal(UUID terminalId, long seq) {
            return new Raise(festival, kind, terminalId, seq, record, wallet, uid, amountCents, currency, detail);
        }

        public Raise record(UUID recordId) {
            return new Raise(festival, kind, terminal, sequence, recordId, wallet, uid, amountCents, currency, detail);
        }

        public Raise wallet(UUID walletId, String wristband) {
            return new Raise(
                    festival, kind, terminal, sequence, record, walletId, wristband, amountCents, currency, detail);
        }

        public Raise amount(long cents, String currencyCode) {
            return new Raise(festival, kind, terminal, sequence, record, wallet, uid, cents, currencyCode, detail);
        }
    }

    public UUID raise(Raise raise) {
        UUID id = UUID.randomUUID();
        String detail = raise.detail().length() > 1000 ? raise.detail().substring(0, 1000) : raise.detail();
        jdbc.sql("""
                        INSERT INTO review_item (id, festival_id, kind, status, terminal_id, sequence, record_id,
                            wallet_id, uid, amount, currency, detail, created_at)
                        VALUES (:id, :f, :kind, 'OPEN', :t, :seq, :r, :w, :uid, :amount, :currency, :detail, :now)
                        """)
                .param("id", id)
                .param("f", raise.festival().value())
                .param("kind", raise.kind().name())
                .param("t", raise.terminal())
                .param("seq", raise.sequence())
                .param("r", raise.record())
                .param("w", raise.wallet())
                .param("uid", raise.uid())
                .param("amount", raise.amountCents())
                .param("currency", raise.currency())
                .param("detail", detail)
                .param("now", now())
                .update();
        return id;
    }

    public List<ReviewItem> of(FestivalId festival, Optional<String> status) {
        return jdbc.sql("SELECT * FROM review_item WHERE festival_id = :f"
                        + (status.isPresent() ? " AND status = :s" : "") + " ORDER BY created_at, id")
                .param("f", festival.value())
                .params(status.isPresent() ? java.util.Map.of("s", status.get()) : java.util.Map.of())
                .query(ReviewItems::item)
                .list();
    }

    public Optional<ReviewItem> byId(FestivalId festival, UUID id) {
        return jdbc.sql("SELECT * FROM review_item WHERE festival_id = :f AND id = :id")
                .param("f", festival.value())
                .param("id", id)
                .query(ReviewItems::item)
                .optional();
    }

    /** Marks an open item resolved; answers false if it was resolved already. */
    public boolean resolve(UUID id, UUID by, String resolution) {
        return jdbc.sql("""
                                UPDATE review_item SET status = 'RESOLVED', resolved_at = :now, resolved_by = :by,
                                    resolution = :resolution
                                WHERE id = :id AND status = 'OPEN'
                                """)
                        .param("now", now())
                        .param("by", by)
                        .param("resolution", resolution.length() > 500 ? resolution.substring(0, 500) : resolution)
                        .param("id", id)
                        .update()
                == 1;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static ReviewItem item(ResultSet rs, int row) throws SQLException {
        OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
        long amount = rs.getLong("amount");
        Long amountCents = rs.wasNull() ? null : amount;
        long seq = rs.getLong("sequence");
        Long sequence = rs.wasNull() ? null : seq;
        return new ReviewItem(
                rs.getObject("id", UUID.class),
                rs.getObject("festival_id", UUID.class),
                ReviewKind.valueOf(rs.getString("kind")),
                rs.getString("status"),
                rs.getObject("terminal_id", UUID.class),
                sequence,
                rs.getObject("record_id", UUID.class),
                rs.getObject("wallet_id", UUID.class),
                rs.getString("uid"),
                amountCents,
                rs.getString("currency"),
                rs.getString("detail"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                resolved == null ? null : resolved.toInstant(),
                rs.getString("resolution"));
    }
}
