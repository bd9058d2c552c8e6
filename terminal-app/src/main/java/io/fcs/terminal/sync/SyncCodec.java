package io.fcs.terminal.sync;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.tap.Authoriser;
import java.util.List;
import java.util.Optional;

/**
 * Seam between the sync client and the protocol's topics and message codecs
 * ({@code io.fcs.protocol.topic}, {@code io.fcs.protocol.message}): the client decides when and
 * what, the codec only turns things into the agreed bytes and back.
 */
public interface SyncCodec {

    /** The topics this terminal publishes to. */
    String recordsTopic();

    String authorisationRequestTopic();

    String checkInTopic();

    String presenceTopic();

    /** The filters this terminal subscribes to. */
    String acksFilter();

    String authorisationAnswerFilter();

    String checkInFilter();

    /** Price lists, deny lists, revocations, pending credits, configuration. */
    List<String> downlinkFilters();

    byte[] encodeBatch(List<OutboxEntry> records);

    /** The watermark of an ack for this terminal; empty when the ack is for another one. */
    Optional<Long> decodeAck(byte[] payload);

    byte[] encodeAuthorisation(
            String recordId, String uid, String walletId, Money amount, Money chipBalance, long chipCounter);

    /** The request's record id and the answer. */
    Optional<AuthorisationAnswer> decodeAuthorisation(byte[] payload);

    record AuthorisationAnswer(String recordId, Authoriser.Answer answer) {}

    /** Ticket admission by the zone (decision 0250): where this gate asks, where the answers come. */
    String admissionRequestTopic();

    String admissionAnswerFilter();

    byte[] encodeAdmission(
            String correlationId,
            String ticketId,
            java.util.Optional<String> uid,
            String gateName,
            java.time.Instant at);

    /** The request's correlation id and the zone's answer. */
    Optional<AdmissionReply> decodeAdmission(byte[] payload);

    record AdmissionReply(String correlationId, io.fcs.terminal.gate.ZoneAdmission.Answer answer) {}

    byte[] encodeCheckIn(CheckIn checkIn);

    Optional<CheckIn> decodeCheckIn(byte[] payload);

    /** This terminal's health; {@code clockSkewMillis}: its clock minus the edge's (0 while unknown). */
    byte[] encodePresence(long queueDepth, long watermark, boolean readerPresent, long clockSkewMillis);

    /** The zone edge's own presence (its clock rides on it). */
    String edgePresenceFilter();

    /** Whether an edge presence says the edge is there (birth, alive) or gone (death, last will); empty otherwise. */
    Optional<Boolean> decodeEdgeAlive(byte[] payload);

    /** The edge's clock when it composed a live presence (birth or alive); empty otherwise. */
    Optional<java.time.Instant> decodeEdgeTime(byte[] payload);

    /** What a downlinked message asks the terminal to apply. */
    sealed interface Downlink permits PriceList, DenyList, PendingCredits, Config, Ignored {}

    /**
     * Downlinked settings ({@code name -> value}), the offline allowance per period in minor units
     * and the period in seconds.
     */
    record Config(
            long version,
            long offlineAllowanceMinor,
            long offlineAllowancePeriodSeconds,
            java.util.Map<String, String> settings)
            implements Downlink {
        public Config(long version, long offlineAllowanceMinor, java.util.Map<String, String> settings) {
            this(version, offlineAllowanceMinor, 86_400, settings);
        }
    }

    record PriceList(long version, List<Product> products) implements Downlink {}

    record DenyList(long version, List<String> wristbands, List<String> tickets, List<String> lifted)
            implements Downlink {}

    /** The full set of credits pending in the zone at {@code version} (online top-ups, refunds). */
    record PendingCredits(long version, List<PendingCredit> credits) implements Downlink {
        public PendingCredits {
            credits = List.copyOf(credits);
        }
    }

    /** One credit to load onto a wallet's wristband. */
    record PendingCredit(String creditId, String walletId, Money amount) {}

    record Ignored(String why) implements Downlink {}

    Downlink decodeDownlink(String topic, byte[] payload);
}
