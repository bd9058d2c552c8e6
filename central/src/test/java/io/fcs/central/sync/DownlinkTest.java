package io.fcs.central.sync;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

class DownlinkTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordIngestion ingestion;

    @Autowired
    ReviewItems reviews;

    private FestivalId festival;
    private SimTerminal kiosk;

    @BeforeEach
    void festival() {
        festival = FestivalId.of(TestFestivals.create(jdbc));
        kiosk = SimTerminal.create(festival).enrol(jdbc);
    }

    @Test
    void edgesGetASnapshotThenOnlyTheWalletsChangedSinceTheirVersion() throws Exception {
        WalletId first = WalletId.random();
        WalletId second = WalletId.random();
        ingestion.ingest(
                SimTerminal.batch(List.of(
                        kiosk.topUp("04000000000001", first, 500, PaymentMethod.CASH),
                        kiosk.topUp("04000000000002", second, 700, PaymentMethod.CARD))),
                Optional.empty());

        String snapshot = body(mvc.perform(
                        get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", "0"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.complete").value(true))
                .andExpect(jsonPath("$.wallets.length()").value(2))
                .andExpect(jsonPath("$.wallets[?(@.walletId=='%s')].balanceCents".formatted(first))
                        .value(500))
                .andExpect(jsonPath("$.wallets[?(@.walletId=='%s')].pendingCents".formatted(first))
                        .value(0))
                .andExpect(jsonPath("$.wallets[?(@.walletId=='%s')].wristbands[0]".formatted(second))
                        .value("04000000000002"))
                .andExpect(jsonPath("$.wallets[0].offlineAllowanceCents").value(2_000)));
        Number version = com.jayway.jsonpath.JsonPath.read(snapshot, "$.version");

        ingestion.ingest(
                SimTerminal.batch(List.of(kiosk.topUp("04000000000002", second, 300, PaymentMethod.CASH))),
                Optional.empty());

        mvc.perform(get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", version.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.complete").value(false))
                .andExpect(jsonPath("$.wallets.length()").value(1))
                .andExpect(jsonPath("$.wallets[0].walletId").value(second.toString()))
                .andExpect(jsonPath("$.wallets[0].balanceCents").value(1_000));
    }

    @Test
    void theConfigDescribesTheFestivalForEdges() throws Exception {
        mvc.perform(get("/sync/v1/festivals/{f}/config", festival.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.festivalId").value(festival.toString()))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.timeZone").value("Europe/Paris"))
                .andExpect(jsonPath("$.offlineAllowanceCents").value(2_000))
                .andExpect(jsonPath("$.terminals[0].terminalId").value(kiosk.id.toString()))
                .andExpect(jsonPath("$.terminals[0].status").value("ACTIVE"));
    }

    @Test
    void unknownFestivalsAndBadVersionsAreRefused() throws Exception {
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", UUID.randomUUID())).andExpect(status().isNotFound());
        mvc.perform(get("/sync/v1/festivals/nope/config")).andExpect(status().isBadRequest());
        mvc.perform(get("/sync/v1/festivals/{f}/wallets", festival.value()).param("since", "-1"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/sync/v1/festivals/{f}/deny-list", festival.value()).param("since", "x"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void presenceAndCheckInsAreKept() throws Exception {
        UUID edge = UUID.randomUUID();
        mvc.perform(post("/sync/v1/presence")
                        .header("Fcs-Edge-Id", edge.toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                ("{\"edgeId\":\"%s\",\"zoneId\":null,\"sentAt\":\"2026-07-10T20:00:00Z\",\"backlog\":3,"
                                                + "\"terminals\":[{\"terminalId\":\"%s\",\"online\":true,\"lastSeen\":"
                                                + "\"2026-07-10T19:59:58Z\",\"queueDepth\":2,\"readerErrors\":0,\"clockSkewMs\":12,"
                                                + "\"appVersion\":\"1.0\"}]}")
                                        .formatted(edge, kiosk.id)))
                .andExpect(status().isNoContent());
        UUID checkin = UUID.randomUUID();
        String list = "[{\"id\":\"%s\",\"ticketId\":\"%s\",\"at\":\"2026-07-10T20:00:01Z\",\"offline\":true}]"
                .formatted(checkin, UUID.randomUUID());
        mvc.perform(post("/sync/v1/checkins")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(list))
                .andExpect(status().isNoContent());
        mvc.perform(post("/sync/v1/checkins")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(list))
                .andExpect(status().isNoContent());
        mvc.perform(post("/sync/v1/checkins")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"ticketId\":\"x\"}]"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/sync/v1/presence")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{bad"))
                .andExpect(status().isBadRequest());

        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM gate_checkin WHERE id = :id")
                        .param("id", checkin)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(
                        jdbc.sql("SELECT queue_depth FROM terminal_presence WHERE terminal_id = :t")
                                .param("t", kiosk.id.value())
                                .query(Long.class)
                                .single())
                .isEqualTo(2);
    }

    @Test
    void anAdmissionTheZoneReportsAsAConflictBecomesOneReviewItemForSecurity() throws Exception {
        UUID ticket = UUID.randomUUID();
        UUID gate = UUID.randomUUID();
        UUID conflict = UUID.randomUUID();
        String report = ("[{\"id\":\"%s\",\"festivalId\":\"%s\",\"ticketId\":\"%s\",\"terminalId\":\"%s\","
                        + "\"at\":\"2026-07-10T21:00:00Z\",\"offline\":false,\"outcome\":\"CONFLICT\"},"
                        + "{\"id\":\"%s\",\"festivalId\":\"%s\",\"ticketId\":\"%s\",\"terminalId\":\"%s\","
                        + "\"at\":\"2026-07-10T20:00:00Z\",\"offline\":false,\"outcome\":\"CHECKED_IN\"}]")
                .formatted(conflict, festival, ticket, gate, UUID.randomUUID(), festival, UUID.randomUUID(), gate);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/sync/v1/checkins")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(report))
                    .andExpect(status().isNoContent());
        }

        List<ReviewItem> items = reviews.of(festival, Optional.of(ReviewItem.OPEN));
        org.assertj.core.api.Assertions.assertThat(items)
                .filteredOn(item -> item.kind() == ReviewKind.ADMISSION_CONFLICT)
                .singleElement()
                .satisfies(item -> {
                    org.assertj.core.api.Assertions.assertThat(item.terminalId())
                            .isEqualTo(gate);
                    org.assertj.core.api.Assertions.assertThat(item.detail())
                            .contains(ticket.toString())
                            .contains(conflict.toString());
                });
    }
}
