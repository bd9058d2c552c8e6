package io.fcs.central.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class GapSkipTest extends CentralTest {

    static final String UID = "04B1B2C3D4E5F6";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    RecordIngestion ingestion;

    @Autowired
    AuditLog audit;

    @Test
    void financeSkipsAGapThatWillNeverArriveAndTheRecordsHeldBehindItPost() throws Exception {
        FestivalId festival = FestivalId.of(TestFestivals.create(jdbc));
        WalletId wallet = WalletId.random();
        SimTerminal kiosk = SimTerminal.create(festival).enrol(jdbc);
        SignedRecord first = kiosk.topUp(UID, wallet, 100, PaymentMethod.CASH);
        SignedRecord lost = kiosk.topUp(UID, wallet, 200, PaymentMethod.CASH);
        SignedRecord third = kiosk.topUp(UID, wallet, 400, PaymentMethod.CASH);
        ingestion.ingest(SimTerminal.batch(List.of(first)), Optional.empty());
        assertThat(ingestion
                        .ingest(SimTerminal.batch(List.of(third)), Optional.empty())
                        .watermark())
                .isEqualTo(1);
        String finance = tokens.bearerScoped(List.of(festival.value()), Role.FINANCE);
        String path = "/finance/festivals/" + festival.value() + "/terminals/" + kiosk.id.value() + "/gap-skips";

        apiPost(path, finance, "{\"fromSequence\":2,\"toSequence\":2}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost(path, finance, "{\"fromSequence\":2,\"toSequence\":3,\"reason\":\"lost\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("not_a_gap"));
        apiPost(path, tokens.bearer(Role.BAR_STAFF), "{\"fromSequence\":2,\"toSequence\":2,\"reason\":\"lost\"}")
                .andExpect(status().isForbidden());
        apiPost(
                        "/finance/festivals/" + festival.value() + "/terminals/" + UUID.randomUUID() + "/gap-skips",
                        finance,
                        "{\"fromSequence\":2,\"toSequence\":2,\"reason\":\"lost\"}")
                .andExpect(status().isNotFound());
        assertThat(balance(festival, wallet)).isEqualTo(100);

        apiPost(path, finance, "{\"fromSequence\":2,\"toSequence\":2,\"reason\":\"terminal burnt, store lost\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.watermark").value(3));

        assertThat(balance(festival, wallet)).isEqualTo(500);
        apiGet("/finance/festivals/" + festival.value() + "/reconciliation", finance)
                .andExpect(jsonPath("$.gaps.length()").value(0))
                .andExpect(jsonPath("$.conservationHolds").value(true));
        audit.flush();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE festival_id = :f AND action = 'sync.gap_skipped'")
                        .param("f", festival.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        WatermarkAck late = ingestion.ingest(SimTerminal.batch(List.of(lost)), Optional.empty());
        assertThat(late.refused()).containsExactly(new RefusedRecord(2, RefusedRecord.Reason.CONFLICTING_DUPLICATE));
        assertThat(balance(festival, wallet)).isEqualTo(500);
    }

    private long balance(FestivalId festival, WalletId wallet) {
        return ledger.balance(festival, AccountKey.wallet(wallet), Currency.EUR).minor();
    }
}
