package io.fcs.protocol.enrol;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.enrol.EnrolmentFormatException.Reason;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything a terminal or an edge node needs to join its festival, written by provisioning at
 * enrolment and read once by the device: its identity, its Ed25519 key (unless the device made
 * its own and sent a CSR), its certificate chain up to the festival root CA, where its edge and
 * central are, and the trust anchors (the CA certificate, the ticket-signing public keys).
 *
 * <pre>
 * ConfigBundle v1 — all integers big-endian, "u16 text" = 2-byte length + UTF-8 bytes
 *
 *  offset  size        field
 *  ------  ----------  ---------------------------------------------------------------
 *       0  4           MAGIC "FCSB" (46 43 53 42)
 *       4  1           VERSION = 0x01
 *       5  1           device kind  (DeviceKind.code: 1 terminal, 2 edge)
 *       6  1           device mode  (DeviceMode.code: 0 none, 1 POS, 2 GATE, 3 KIOSK)
 *       7  1           flags        bit 0 FLAG_DEVICE_KEY: the seed field holds the device key
 *                                   bits 1..7 zero
 *       8  16          device id (UUID: TerminalId or EdgeId)
 *      24  16          festival id (UUID)
 *      40  16          zone id (UUID)
 *      56  8           issued at, epoch milliseconds
 *      64  32          device Ed25519 seed (32 zero bytes when FLAG_DEVICE_KEY is clear)
 *      96  2+n         device name          (u16 text, 1..64 bytes)
 *       .  2+n         edge address         (u16 text, URI, may be empty)
 *       .  2+n         central address      (u16 text, URI, may be empty)
 *       .  1           certificate count c  (1..8)
 *       .  c x (2+n)   certificates, DER, u16 length each: the device's own first, the
 *                      festival root CA last (a self-signed trust anchor)
 *       .  1           ticket key count t   (0..16)
 *       .  t x (1+k+48) ticket keys: key id (u8 length k + ASCII), Ed25519 public key (32),
 *                      valid from (8, epoch ms), valid until (8, epoch ms, 0 = open)
 *   end-32 32          SHA-256 of every byte before it (detects corruption; authenticity
 *                      comes from the AES-GCM seal, see SealedBundle)
 * </pre>
 *
 * <p>Parsing checks every length, the checksum, that certificates are X.509, and that the
 * device key (when present) is the key of the device certificate. Records are compared by
 * content.
 */
public record ConfigBundle(
        DeviceKind kind,
        DeviceMode mode,
        UUID deviceId,
        FestivalId festivalId,
        ZoneId zoneId,
        Instant issuedAt,
        byte[] deviceKeySeed,
        String name,
        String edgeAddress,
        String centralAddress,
        List<byte[]> certificateChain,
        List<TicketKeyAnchor> ticketKeys) {

    static final byte[] MAGIC = {'F', 'C', 'S', 'B'};
    public static final int VERSION = 1;
    static final int FLAG_DEVICE_KEY = 0x01;
    static final int HEADER_LENGTH = 96;
    static final int MAX_NAME = 64;
    static final int MAX_ADDRESS = 512;
    static final int MAX_CERTIFICATES = 8;
    static final int MAX_TICKET_KEYS = 16;

    public ConfigBundle {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(festivalId, "festivalId");
        Objects.requireNonNull(zoneId, "zoneId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(name, "name");
        edgeAddress = edgeAddress == null ? "" : edgeAddress;
        centralAddress = centralAddress == null ? "" : centralAddress;
        if ((kind == DeviceKind.EDGE) != (mode == DeviceMode.NONE)) {
            throw new IllegalArgumentException(
                    "an edge has mode NONE and a terminal has POS, GATE or KIOSK; was " + kind + "/" + mode);
        }
        if (deviceKeySeed != null) {
            if (deviceKeySeed.length != Ed25519.SEED_LENGTH) {
                throw new IllegalArgumentException("device key seed must be 32 bytes");
            }
            deviceKeySeed = deviceKeySeed.clone();
        }
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameLength < 1 || nameLength > MAX_NAME) {
            throw new IllegalArgumentException("device name must be 1.." + MAX_NAME + " bytes of UTF-8");
        }
        if (edgeAddress.length() > MAX_ADDRESS || centralAddress.length() > MAX_ADDRESS) {
            throw new IllegalArgumentException("addresses are at most " + MAX_ADDRESS + " characters");
        }
        Objects.requireNonNull(certificateChain, "certificateChain");
        if (certificateChain.isEmpty() || certificateChain.size() > MAX_CERTIFICATES) {
            throw new IllegalArgumentException("certificate chain must hold 1.." + MAX_CERTIFICATES + " certificates");
        }
        certificateChain = certificateChain.stream().map(byte[]::clone).toList();
        Objects.requireNonNull(ticketKeys, "ticketKeys");
        if (ticketKeys.size() > MAX_TICKET_KEYS) {
            throw new IllegalArgumentException("at most " + MAX_TICKET_KEYS + " ticket keys");
        }
        ticketKeys = List.copyOf(ticketKeys);
        issuedAt = Instant.ofEpochMilli(issuedAt.toEpochMilli());
    }

    /** The bundle's bytes (the format above), checksum included. */
    public byte[] encode() {
        Wire.Writer out = new Wire.Writer()
                .bytes(MAGIC)
                .u8(VERSION)
                .u8(kind.code())
                .u8(mode.code())
                .u8(deviceKeySeed == null ? 0 : FLAG_DEVICE_KEY)
                .uuid(deviceId)
                .uuid(festivalId.value())
                .uuid(zoneId.value())
                .i64(issuedAt.toEpochMilli())
                .bytes(deviceKeySeed == null ? new byte[Ed25519.SEED_LENGTH] : deviceKeySeed)
                .text16(name)
                .text16(edgeAddress)
                .text16(centralAddress)
                .u8(certificateChain.size());
        for (byte[] der : certificateChain) {
            out.blob16(der);
        }
        out.u8(ticketKeys.size());
        for (TicketKeyAnchor key : ticketKeys) {
            byte[] id = key.keyIdBytes();
            out.u8(id.length)
                    .bytes(id)
                    .bytes(key.publicKey().encoded())
                    .i64(key.validFrom().toEpochMilli())
                    .i64(key.validUntil() == null ? 0 : key.validUntil().toEpochMilli());
        }
        byte[] body = out.toByteArray();
        return new Wire.Writer().bytes(body).bytes(Sha256.hash(body)).toByteArray();
    }

    /** Reads a bundle, refusing anything malformed with an {@link EnrolmentFormatException}. */
    public static ConfigBundle parse(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new EnrolmentFormatException(Reason.BAD_MAGIC, "not a config bundle");
        }
        if (bytes.length < HEADER_LENGTH + Sha256.LENGTH) {
            throw new EnrolmentFormatException(Reason.TRUNCATED, "config bundle of " + bytes.length + " bytes");
        }
        if ((bytes[4] & 0xff) != VERSION) {
            throw new EnrolmentFormatException(
                    Reason.UNSUPPORTED_VERSION, "config bundle version " + (bytes[4] & 0xff));
        }
        int bodyEnd = bytes.length - Sha256.LENGTH;
        byte[] expected = Sha256.hash(bytes, 0, bodyEnd);
        if (!Bytes.constantTimeEquals(expected, Arrays.copyOfRange(bytes, bodyEnd, bytes.length))) {
            throw new EnrolmentFormatException(Reason.CHECKSUM_MISMATCH, "config bundle checksum does not match");
        }
        Wire.Reader in = new Wire.Reader(bytes, MAGIC.length + 1, bodyEnd);
        DeviceKind kind = DeviceKind.fromCode(in.u8("kind"));
        DeviceMode mode = DeviceMode.fromCode(in.u8("mode"));
        int flags = in.u8("flags");
        if ((flags & ~FLAG_DEVICE_KEY) != 0) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, "unknown flags " + Integer.toHexString(flags));
        }
        UUID deviceId = in.uuid("device id");
        FestivalId festival = FestivalId.of(in.uuid("festival id"));
        ZoneId zone = ZoneId.of(in.uuid("zone id"));
        Instant issuedAt = Instant.ofEpochMilli(in.i64("issued at"));
        byte[] seed = in.bytes(Ed25519.SEED_LENGTH, "device key seed");
        String name = in.text16("device name");
        String edge = in.text16("edge address");
        String central = in.text16("central address");
        int certificateCount = in.u8("certificate count");
        List<byte[]> chain = new ArrayList<>(certificateCount);
        for (int i = 0; i < certificateCount; i++) {
            chain.add(in.blob16("certificate " + i));
        }
        int keyCount = in.u8("ticket key count");
        List<TicketKeyAnchor> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            String keyId =
                    new String(in.bytes(in.u8("ticket key id length"), "ticket key id"), StandardCharsets.US_ASCII);
            byte[] publicKey = in.bytes(Ed25519.PUBLIC_KEY_LENGTH, "ticket public key");
            long from = in.i64("ticket key valid from");
            long until = in.i64("ticket key valid until");
            try {
                keys.add(new TicketKeyAnchor(
                        keyId,
                        new Ed25519.VerificationKey(publicKey),
                        Instant.ofEpochMilli(from),
                        until == 0 ? null : Instant.ofEpochMilli(until)));
            } catch (IllegalArgumentException e) {
                throw new EnrolmentFormatException(Reason.BAD_FIELD, e.getMessage());
            }
        }
        if (in.remaining() != 0) {
            throw new EnrolmentFormatException(Reason.TRAILING_BYTES, in.remaining() + " bytes after the last field");
        }
        ConfigBundle bundle;
        try {
            bundle = new ConfigBundle(
                    kind,
                    mode,
                    deviceId,
                    festival,
                    zone,
                    issuedAt,
                    (flags & FLAG_DEVICE_KEY) != 0 ? seed : null,
                    name,
                    edge,
                    central,
                    chain,
                    keys);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, e.getMessage());
        }
        bundle.checkKeyMatchesCertificate();
        return bundle;
    }

    private void checkKeyMatchesCertificate() {
        List<X509Certificate> certificates = certificates();
        if (deviceKeySeed != null) {
            byte[] fromSeed =
                    Ed25519.SigningKey.fromSeed(deviceKeySeed).verificationKey().encoded();
            if (!Arrays.equals(fromSeed, rawEd25519PublicKey(certificates.get(0)))) {
                throw new EnrolmentFormatException(
                        Reason.BAD_FIELD, "device key is not the key of the device certificate");
            }
        }
    }

    /** The device's signing key, absent when the device generated its own (CSR enrolment). */
    public Optional<Ed25519.SigningKey> deviceKey() {
        return deviceKeySeed == null ? Optional.empty() : Optional.of(Ed25519.SigningKey.fromSeed(deviceKeySeed));
    }

    @Override
    public byte[] deviceKeySeed() {
        return deviceKeySeed == null ? null : deviceKeySeed.clone();
    }

    @Override
    public List<byte[]> certificateChain() {
        return certificateChain.stream().map(byte[]::clone).toList();
    }

    /** The device's public key as carried in its certificate. */
    public Ed25519.VerificationKey devicePublicKey() {
        return new Ed25519.VerificationKey(rawEd25519PublicKey(certificates().get(0)));
    }

    /** The chain as X.509 objects: device certificate first, root CA last. */
    public List<X509Certificate> certificates() {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>(certificateChain.size());
            for (byte[] der : certificateChain) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
            return out;
        } catch (CertificateException e) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, "certificate is not X.509: " + e.getMessage());
        }
    }

    public X509Certificate deviceCertificate() {
        return certificates().get(0);
    }

    /** The festival root CA: the trust anchor for every device and edge certificate. */
    public X509Certificate caCertificate() {
        List<X509Certificate> certificates = certificates();
        return certificates.get(certificates.size() - 1);
    }

    public TerminalId terminalId() {
        if (kind != DeviceKind.TERMINAL) {
            throw new IllegalStateException("bundle of " + deviceId + " is for an edge, not a terminal");
        }
        return TerminalId.of(deviceId);
    }

    public EdgeId edgeId() {
        if (kind != DeviceKind.EDGE) {
            throw new IllegalStateException("bundle of " + deviceId + " is for a terminal, not an edge");
        }
        return EdgeId.of(deviceId);
    }

    /** The 32 raw bytes of an Ed25519 subject public key (the last 32 of its X.509 encoding). */
    static byte[] rawEd25519PublicKey(X509Certificate certificate) {
        byte[] spki = certificate.getPublicKey().getEncoded();
        // SubjectPublicKeyInfo of Ed25519 (RFC 8410) is a fixed 12-byte prefix + the 32-byte key.
        if (spki.length != 44
                || !"Ed25519".equalsIgnoreCase(certificate.getPublicKey().getAlgorithm())
                        && !"EdDSA".equalsIgnoreCase(certificate.getPublicKey().getAlgorithm())) {
            throw new EnrolmentFormatException(Reason.BAD_FIELD, "device certificate key is not Ed25519");
        }
        return Arrays.copyOfRange(spki, 12, 44);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigBundle that && Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "ConfigBundle[" + kind + " " + mode + " " + deviceId + " festival " + festivalId + " zone " + zoneId
                + " " + (deviceKeySeed == null ? "device-made key" : "with device key") + "]";
    }
}
