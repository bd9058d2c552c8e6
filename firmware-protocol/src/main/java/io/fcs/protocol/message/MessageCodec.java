package io.fcs.protocol.message;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The single entry point to encode any {@link Message} and to decode any received payload by its
 * header. Decoding never throws: every malformed, oversized, truncated or unknown payload becomes a
 * {@link DecodeResult.Refused} with a {@link DecodeRefusal} reason.
 *
 * <p>Every message starts with the same 4-byte header, followed by the type's body (see each
 * codec's byte map). Integers are big-endian; ids are 16-byte UUIDs; money is an i64 of minor
 * units plus a 3-letter ASCII currency; instants are i64 milliseconds since the epoch (UTC); text
 * is a u16 byte length plus strict UTF-8. The payload length is the MQTT payload length: there is
 * no length field, and bytes left after the last field are refused.
 *
 * <pre>
 *  offset  size  field
 *  ------  ----  -----------------------------------------------------------
 *       0     1  magic 0x46 'F'
 *       1     1  magic 0x43 'C'
 *       2     1  format version (u8) = 0x01
 *       3     1  message type (u8, {@link MessageType})
 *       4     .  body
 * </pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class MessageCodec {

    static final int MAGIC_0_OFFSET = 0;
    static final int MAGIC_1_OFFSET = 1;
    static final int VERSION_OFFSET = 2;
    static final int TYPE_OFFSET = 3;
    public static final int HEADER_BYTES = 4;
    public static final int MAGIC_0 = 0x46;
    public static final int MAGIC_1 = 0x43;
    public static final int VERSION = 0x01;
    /** Default ceiling for one payload: 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private static final MessageCodec STANDARD = new MessageCodec(DEFAULT_MAX_BYTES);

    private static final Map<MessageType, BodyCodec<? extends Message>> CODECS = codecs();

    private final int maxBytes;

    private MessageCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A codec refusing payloads above {@link #DEFAULT_MAX_BYTES}. */
    public static MessageCodec standard() {
        return STANDARD;
    }

    /** A codec refusing (and refusing to produce) payloads above {@code maxBytes}. */
    public static MessageCodec withMaxBytes(int maxBytes) {
        if (maxBytes < HEADER_BYTES) {
            throw new IllegalArgumentException("maxBytes must be at least the header size, was " + maxBytes);
        }
        return new MessageCodec(maxBytes);
    }

    public int maxBytes() {
        return maxBytes;
    }

    private static Map<MessageType, BodyCodec<? extends Message>> codecs() {
        Map<MessageType, BodyCodec<? extends Message>> codecs = new EnumMap<>(MessageType.class);
        for (BodyCodec<? extends Message> codec : List.<BodyCodec<? extends Message>>of(
                new RecordBatchCodec(),
                new WatermarkAckCodec(),
                new AuthorisationRequestCodec(),
                new AuthorisationAnswerCodec(),
                new AdmissionRequestCodec(),
                new AdmissionAnswerCodec(),
                new ConfigurationCodec(),
                new PriceListCodec(),
                new DenyListCodec(),
                new TicketRevocationsCodec(),
                new PendingCreditsCodec(),
                new CheckInCodec(),
                new PresenceCodec())) {
            codecs.put(codec.type(), codec);
        }
        return codecs;
    }

    /**
     * The bytes of a message. Throws {@link IllegalArgumentException} if they would exceed this
     * codec's maximum (the sender must split, e.g. a record batch).
     */
    public byte[] encode(Message message) {
        BodyCodec<? extends Message> codec = CODECS.get(message.type());
        if (codec == null) {
            throw new IllegalStateException("no codec registered for " + message.type());
        }
        WireWriter out = new WireWriter();
        out.u8(MAGIC_0).u8(MAGIC_1).u8(VERSION).u8(message.type().code());
        writeBody(codec, message, out);
        if (out.size() > maxBytes) {
            throw new IllegalArgumentException(
                    message.type() + " would be " + out.size() + " bytes, above the maximum of " + maxBytes);
        }
        return out.toByteArray();
    }

    private static <M extends Message> void writeBody(BodyCodec<M> codec, Message message, WireWriter out) {
        codec.write(codec.messageClass().cast(message), out);
    }

    /** Decodes any message by its header. Never throws. */
    public DecodeResult<Message> decode(byte[] payload) {
        return decode(payload, Message.class);
    }

    /**
     * Decodes a payload that must be of the given message class (e.g. the type a topic carries);
     * another type is refused with {@link DecodeRefusal#UNEXPECTED_TYPE}. Never throws.
     */
    public <M extends Message> DecodeResult<M> decode(byte[] payload, Class<M> expected) {
        if (payload == null) {
            return new DecodeResult.Refused<>(DecodeRefusal.TRUNCATED, "no payload");
        }
        if (payload.length > maxBytes) {
            return new DecodeResult.Refused<>(
                    DecodeRefusal.TOO_LARGE, payload.length + " bytes, above the maximum of " + maxBytes);
        }
        WireReader in = new WireReader(payload, 0);
        try {
            int magic0 = in.u8("magic");
            int magic1 = in.u8("magic");
            if (magic0 != MAGIC_0 || magic1 != MAGIC_1) {
                throw WireReader.refuse(
                        DecodeRefusal.BAD_MAGIC, "magic 0x%02x%02x, expected 0x4643 'FC'".formatted(magic0, magic1));
            }
            int version = in.u8("version");
            if (version != VERSION) {
                throw WireReader.refuse(DecodeRefusal.UNKNOWN_VERSION, "format version " + version);
            }
            int typeCode = in.u8("message type");
            Optional<MessageType> type = MessageType.fromCode(typeCode);
            BodyCodec<? extends Message> codec = type.map(CODECS::get).orElse(null);
            if (codec == null) {
                throw WireReader.refuse(DecodeRefusal.UNKNOWN_TYPE, "message type code " + typeCode);
            }
            if (!expected.isAssignableFrom(codec.messageClass())) {
                throw WireReader.refuse(
                        DecodeRefusal.UNEXPECTED_TYPE,
                        "expected " + expected.getSimpleName() + ", got " + codec.type());
            }
            Message message = codec.read(in);
            in.expectEnd();
            return new DecodeResult.Decoded<>(expected.cast(message));
        } catch (WireReader.Refusal refusal) {
            return new DecodeResult.Refused<>(refusal.reason, refusal.getMessage());
        } catch (IllegalArgumentException invalid) {
            // a value factory (Money, Currency, a message record) refused a decoded field
            return new DecodeResult.Refused<>(DecodeRefusal.FIELD_OUT_OF_RANGE, String.valueOf(invalid.getMessage()));
        }
    }

    /**
     * Decodes a payload that must be of the given type (e.g. {@code topic.kind().messageType()});
     * another type is refused with {@link DecodeRefusal#UNEXPECTED_TYPE}. Never throws.
     */
    public DecodeResult<Message> decode(byte[] payload, MessageType expected) {
        BodyCodec<? extends Message> codec = CODECS.get(expected);
        if (codec == null) {
            return new DecodeResult.Refused<>(DecodeRefusal.UNKNOWN_TYPE, "no codec for " + expected);
        }
        return decode(payload, codec.messageClass()).map(Message.class::cast);
    }

    /** The message types this build encodes and decodes. */
    public static Set<MessageType> supportedTypes() {
        return Collections.unmodifiableSet(EnumSet.copyOf(CODECS.keySet()));
    }

    /** The type named by a payload's header, without decoding the body; empty when the header is not ours. */
    public static Optional<MessageType> peekType(byte[] payload) {
        if (payload == null
                || payload.length < HEADER_BYTES
                || (payload[MAGIC_0_OFFSET] & 0xFF) != MAGIC_0
                || (payload[MAGIC_1_OFFSET] & 0xFF) != MAGIC_1
                || (payload[VERSION_OFFSET] & 0xFF) != VERSION) {
            return Optional.empty();
        }
        return MessageType.fromCode(payload[TYPE_OFFSET] & 0xFF);
    }
}
