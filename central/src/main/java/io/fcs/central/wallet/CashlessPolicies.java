package io.fcs.central.wallet;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and sets the festivals' cashless policies (defaults until finance sets one). */
@Component
public class CashlessPolicies {

    private final JdbcClient jdbc;

    private final FestivalGuard festivals;

    CashlessPolicies(JdbcClient jdbc, FestivalGuard festivals) {
        this.jdbc = jdbc;
        this.festivals = festivals;
    }

    public CashlessPolicy of(FestivalId festival) {
        return jdbc.sql("SELECT * FROM cashless_policy WHERE festival_id = :f")
                .param("f", festival.value())
                .query((rs, n) -> new CashlessPolicy(
                        Currency.of(rs.getString("currency")),
                        rs.getLong("offline_allowance"),
                        rs.getBoolean("refunds_open"),
                        rs.getLong("refund_fee"),
                        methods(rs.getString("refund_methods")),
                        rs.getLong("version")))
                .optional()
                .orElseGet(() -> festivals
                        .find(festival.value())
                        .map(f -> new CashlessPolicy(
                                f.currency(),
                                f.offlineAllowanceCents(),
                                false,
                                0,
                                CashlessPolicy.defaults().refundMethods(),
                                0))
                        .orElseGet(CashlessPolicy::defaults));
    }

    /** Sets a festival's policy; the currency cannot change once the festival has a wallet. */
    public void set(FestivalId festival, CashlessPolicy policy, long version) {
        String methods =
                policy.refundMethods().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        int updated = jdbc.sql("""
                        UPDATE cashless_policy SET currency = :c, offline_allowance = :a, refunds_open = :o,
                            refund_fee = :fee, refund_methods = :m, version = :v WHERE festival_id = :f
                        """)
                .param("c", policy.currency().code())
                .param("a", policy.offlineAllowanceCents())
                .param("o", policy.refundsOpen())
                .param("fee", policy.refundFeeCents())
                .param("m", methods)
                .param("v", version)
                .param("f", festival.value())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO cashless_policy (festival_id, currency, offline_allowance, refunds_open,
                                refund_fee, refund_methods, version)
                            VALUES (:f, :c, :a, :o, :fee, :m, :v)
                            """)
                    .param("f", festival.value())
                    .param("c", policy.currency().code())
                    .param("a", policy.offlineAllowanceCents())
                    .param("o", policy.refundsOpen())
                    .param("fee", policy.refundFeeCents())
                    .param("m", methods)
                    .param("v", version)
                    .update();
        }
        jdbc.sql("UPDATE cashless_wallet SET offline_allowance = :a WHERE festival_id = :f")
                .param("a", policy.offlineAllowanceCents())
                .param("f", festival.value())
                .update();
    }

    private static Set<CashlessPolicy.RefundMethod> methods(String text) {
        if (text == null || text.isBlank()) {
            return EnumSet.noneOf(CashlessPolicy.RefundMethod.class);
        }
        return Arrays.stream(text.split(","))
                .map(CashlessPolicy.RefundMethod::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CashlessPolicy.RefundMethod.class)));
    }
}
