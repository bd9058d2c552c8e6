package io.fcs.central.ticketing;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.config.PersonalData;
import io.fcs.central.festival.FestivalCreated;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.ticket.TicketCodec;
import io.fcs.protocol.ticket.TicketIssuer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Festival ticket-signing keys (Ed25519). The private seed is stored encrypted with the data key.
 * Rotation: the newest key valid now signs; every unexpired key verifies. A festival gets a
 * generated key at creation unless provisioning installs its own.
 */
@Service
public class TicketKeys {

    private final JdbcClient jdbc;
    private final PersonalData crypto;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, TicketIssuer> issuers = new ConcurrentHashMap<>();

    TicketKeys(JdbcClient jdbc, PersonalData crypto, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.audit = audit;
        this.clock = clock;
    }

    /** A public ticket key as gates and the sync config see it. */
    public record PublicTicketKey(
            String keyId, String fingerprint, String publicKey, Instant validFrom, Instant validUntil) {}

    @EventListener
    void festivalCreated(FestivalCreated event) {
        Ed25519.SigningKey key = Ed25519.generate();
        String keyId = "%08x".formatted(TicketCodec.keyId(key.verificationKey()));
        insert(event.festivalId(), keyId, key, clock.instant(), null);
        audit.record("ticket_key.generated", event.festivalId(), keyId, Map.of("fingerprint", fingerprint(key)));
    }

    /** Installs (or re-installs, idempotently) a key; 409 if {@code keyId} exists with another key. */
    @Transactional
    public PublicTicketKey install(UUID festivalId, String keyId, byte[] seed, Instant validFrom, Instant validUntil) {
        Ed25519.SigningKey key = Ed25519.SigningKey.fromSeed(seed);
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            throw ApiException.badRequest("validUntil must be after validFrom");
        }
        Optional<String> existing = jdbc.sql(
                        "select public_key from ticket_key where festival_id = ? and key_id = ? for update")
                .params(festivalId, keyId)
                .query(String.class)
                .optional();
        String publicKey =
                Base64.getEncoder().encodeToString(key.verificationKey().encoded());
        if (existing.isPresent()) {
            if (!existing.get().equals(publicKey)) {
                throw ApiException.conflict("ticket_key_exists", "key id " + keyId + " holds another key");
            }
            jdbc.sql("update ticket_key set valid_from = ?, valid_until = ? where festival_id = ? and key_id = ?")
                    .params(utc(validFrom), validUntil == null ? null : utc(validUntil), festivalId, keyId)
                    .update();
        } else {
            insert(festivalId, keyId, key, validFrom, validUntil);
        }
        Arrays.fill(seed, (byte) 0);
        audit.record(
                "ticket_key.installed",
                festivalId,
                keyId,
                Map.of("fingerprint", fingerprint(key), "validFrom", validFrom.toString()));
        return new PublicTicketKey(keyId, fingerprint(key), publicKey, validFrom, validUntil);
    }

    /** Keys not yet expired, newest first. */
    public List<PublicTicketKey> publicKeys(UUID festivalId) {
        return jdbc.sql("select key_id, public_key, valid_from, valid_until from ticket_key where festival_id = ?"
                        + " and (valid_until is null or valid_until > ?) order by valid_from desc, key_id")
                .params(festivalId, utc(clock.instant()))
                .query((rs, n) -> {
                    String publicKey = rs.getString(2);
                    OffsetDateTime until = rs.getObject(4, OffsetDateTime.class);
                    return new PublicTicketKey(
                            rs.getString(1),
                            new Ed25519.VerificationKey(Base64.getDecoder().decode(publicKey)).fingerprint(),
                            publicKey,
                            rs.getObject(3, OffsetDateTime.class).toInstant(),
                            until == null ? null : until.toInstant());
                })
                .list();
    }

    /** The issuer with the newest key valid now; 409 {@code no_ticket_key} if there is none. */
    TicketIssuer issuer(UUID festivalId) {
        OffsetDateTime now = utc(clock.instant());
        record Row(String keyId, String enc) {}
        Row row = jdbc.sql("select key_id, private_key_enc from ticket_key where festival_id = ? and valid_from <= ?"
                        + " and (valid_until is null or valid_until > ?) order by valid_from desc, created_at desc"
                        + " fetch first 1 rows only")
                .params(festivalId, now, now)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> ApiException.conflict("no_ticket_key", "the festival has no valid ticket key"));
        return issuers.computeIfAbsent(
                festivalId + "/" + row.keyId(),
                k -> new TicketIssuer(Ed25519.SigningKey.fromSeed(crypto.decryptBytes(row.enc()))));
    }

    private void insert(UUID festivalId, String keyId, Ed25519.SigningKey key, Instant from, Instant until) {
        jdbc.sql("insert into ticket_key (festival_id, key_id, public_key, private_key_enc, valid_from, valid_until,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        festivalId,
                        keyId,
                        Base64.getEncoder().encodeToString(key.verificationKey().encoded()),
                        crypto.encryptBytes(key.seed()),
                        utc(from),
                        until == null ? null : utc(until),
                        utc(clock.instant()))
                .update();
    }

    private static String fingerprint(Ed25519.SigningKey key) {
        return key.verificationKey().fingerprint();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
