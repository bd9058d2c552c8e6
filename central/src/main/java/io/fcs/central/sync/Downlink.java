package io.fcs.central.sync;

import io.fcs.central.wallet.ChangeVersions;
import io.fcs.protocol.value.FestivalId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What edges replicate: wallet balances (snapshot or changes since a version) and the wristband
 * deny list. The version is read before the rows, so every change up to it is in the answer
 * (the festival's change version is taken under a row lock held until commit, see
 * {@link ChangeVersions}).
 */
@Component
class Downlink {

    /** At most this many wallets per answer; the edge asks again from the answer's version. */
    static final int PAGE = 20_000;

    private final JdbcClient jdbc;
    private final ChangeVersions versions;

    Downlink(JdbcClient jdbc, ChangeVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    record WalletState(
            UUID walletId,
            long balanceCents,
            long pendingCents,
            String currency,
            boolean blocked,
            long offlineAllowanceCents,
            List<String> wristbands) {}

    /**
     * Every record of {@code terminalId} up to {@code watermark} (contiguous, settled) is in the
     * balances of the answer that carries it (decision 0231).
     */
    record TerminalWatermark(UUID terminalId, long watermark) {}

    /**
     * {@code watermarks}: per terminal, up to which sequence the answer's balances (with those of
     * earlier answers) include its records; empty when the answer is cut short by {@link #PAGE}.
     */
    record Wallets(long version, boolean complete, List<WalletState> wallets, List<TerminalWatermark> watermarks) {}

    @Transactional(readOnly = true)
    Wallets wallets(FestivalId festival, long since) {
        // read before the version and the rows: a watermark commits with the postings of the
        // records it covers, so every record under it is in the balances read afterwards
        List<TerminalWatermark> watermarks = jdbc.sql("""
                        SELECT terminal_id, watermark FROM sync_terminal
                        WHERE festival_id = :f AND watermark >= 0 ORDER BY terminal_id
                        """)
                .param("f", festival.value())
                .query((rs, n) -> new TerminalWatermark(rs.getObject(1, UUID.class), rs.getLong(2)))
                .list();
        long version = versions.current(festival);
        record Row(UUID id, long version, long balance, long chip, String currency, String status, long allowance) {}
        List<Row> rows = jdbc.sql("""
                        SELECT w.id, w.version, w.chip_balance, w.currency, w.status, w.offline_allowance,
                            COALESCE(a.balance, 0) AS raw_balance
                        FROM cashless_wallet w
                        LEFT JOIN ledger_account a ON a.festival_id = w.festival_id AND a.kind = 'WALLET'
                            AND a.subject = CAST(w.id AS VARCHAR(64))
                        WHERE w.festival_id = :f AND w.version > :since AND w.version <= :version
                        ORDER BY w.version, w.id
                        LIMIT :limit
                        """)
                .param("f", festival.value())
                .param("since", since)
                .param("version", version)
                .param("limit", PAGE + 1)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getLong("version"),
                        -rs.getLong("raw_balance"),
                        rs.getLong("chip_balance"),
                        rs.getString("currency"),
                        rs.getString("status"),
                        rs.getLong("offline_allowance")))
                .list();
        boolean complete = since == 0;
        long answered = version;
        if (rows.size() > PAGE) {
            long last = rows.get(PAGE).version();
            List<Row> cut = rows.stream().filter(r -> r.version() < last).toList();
            if (!cut.isEmpty()) {
                rows = cut;
                answered = cut.getLast().version();
                complete = false;
                watermarks = List.of(); // the wallets after the cut may hold some of their records
            }
        }
        Map<UUID, List<String>> bands = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("""
                            SELECT b.wallet_id, b.uid FROM cashless_wristband b JOIN cashless_wallet w ON w.id = b.wallet_id
                            WHERE b.festival_id = :f AND b.status = 'ACTIVE' AND w.version > :since AND w.version <= :v
                            ORDER BY b.uid
                            """)
                    .param("f", festival.value())
                    .param("since", since)
                    .param("v", answered)
                    .query(rs -> {
                        bands.computeIfAbsent(rs.getObject("wallet_id", UUID.class), k -> new ArrayList<>())
                                .add(rs.getString("uid"));
                    });
        }
        List<WalletState> wallets = rows.stream()
                .map(r -> new WalletState(
                        r.id(),
                        r.balance(),
                        r.balance() - r.chip(),
                        r.currency(),
                        !"ACTIVE".equals(r.status()),
                        r.allowance(),
                        bands.getOrDefault(r.id(), List.of())))
                .toList();
        return new Wallets(answered, complete, wallets, watermarks);
    }

    record BlockedWristband(String uid, String reason) {}

    /** Blocked wristbands changed after {@code since}, and the version of this answer. */
    @Transactional(readOnly = true)
    DeniedWristbands deniedWristbands(FestivalId festival, long since) {
        long version = versions.current(festival);
        List<BlockedWristband> bands = jdbc.sql("""
                        SELECT uid, reason FROM cashless_wristband
                        WHERE festival_id = :f AND status = 'BLOCKED' AND version > :since AND version <= :v
                        ORDER BY version, uid
                        """)
                .param("f", festival.value())
                .param("since", since)
                .param("v", version)
                .query((rs, n) -> new BlockedWristband(rs.getString("uid"), rs.getString("reason")))
                .list();
        return new DeniedWristbands(version, bands);
    }

    record DeniedWristbands(long version, List<BlockedWristband> wristbands) {}
}
