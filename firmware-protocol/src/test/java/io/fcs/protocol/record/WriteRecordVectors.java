package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes {@code vectors/records/*.txt} from {@link RecordExamples}. Run only when the record
 * format changes on purpose (then review the diff): {@code java -cp <test classpath>
 * io.fcs.protocol.record.WriteRecordVectors src/test/resources/vectors/records}. The tests never
 * write; {@code RecordGoldenVectorsTest} checks the code against the committed files.
 */
final class WriteRecordVectors {

    private WriteRecordVectors() {}

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args.length > 0 ? args[0] : "src/test/resources/vectors/records");
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("records.txt"), accepted());
        Files.writeString(directory.resolve("refused.txt"), refused());
    }

    static String header() {
        return """
                # Signed transaction records, format version 1 (docs/protocol.md, RecordCodec).
                # Terminal key seed 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
                # (RFC 8032 TEST 1), public key %s.
                # festival %s, terminal %s, operator %s, shift %s,
                # wallet %s, ticket %s, wristband UID %s.
                # One chain of 10 records (one per kind); each record's previous hash is the hash of
                # the one before, the first names GENESIS (32 zero bytes).
                # Fields: signed = canonical signed bytes, signature = Ed25519 over them,
                # encoded = signed || signature (the wire form), hash = SHA-256(previous || signed).
                """.formatted(
                        Bytes.hex(RecordExamples.TERMINAL_KEY.verificationKey().encoded()),
                        RecordExamples.FESTIVAL,
                        RecordExamples.TERMINAL,
                        RecordExamples.OPERATOR,
                        RecordExamples.SHIFT,
                        RecordExamples.WALLET,
                        RecordExamples.TICKET,
                        RecordExamples.UID);
    }

    static String accepted() {
        StringBuilder out = new StringBuilder(header());
        for (SignedRecord signed : RecordExamples.everyKind(new RecordSigner(RecordExamples.TERMINAL_KEY))) {
            TransactionRecord r = signed.record();
            out.append('\n')
                    .append("name: ")
                    .append("%02d-%s".formatted(r.sequence(), r.kind().name().toLowerCase(java.util.Locale.ROOT)))
                    .append('\n')
                    .append("summary: ")
                    .append(summary(r))
                    .append('\n')
                    .append("signed: ")
                    .append(Bytes.hex(signed.signedBytes()))
                    .append('\n')
                    .append("signature: ")
                    .append(Bytes.hex(signed.signature()))
                    .append('\n')
                    .append("encoded: ")
                    .append(Bytes.hex(signed.encoded()))
                    .append('\n')
                    .append("hash: ")
                    .append(signed.hash())
                    .append('\n');
        }
        return out.toString();
    }

    static String summary(TransactionRecord r) {
        StringBuilder s = new StringBuilder();
        s.append(r.kind()).append(" #").append(r.sequence()).append(' ').append(r.amount());
        s.append(" id=")
                .append(r.id())
                .append(" time=")
                .append(r.time())
                .append(" authority=")
                .append(r.authority());
        r.payment().ifPresent(p -> s.append(" payment=").append(p));
        r.wristband().ifPresent(u -> s.append(" uid=").append(u));
        r.wallet().ifPresent(w -> s.append(" wallet"));
        r.ticket().ifPresent(t -> s.append(" ticket"));
        r.references().ifPresent(ref -> s.append(" references=").append(ref));
        r.chip()
                .ifPresent(
                        c -> s.append(" chip=").append(c.before()).append("->").append(c.after()));
        for (SaleLine line : r.lines()) {
            s.append(" line=")
                    .append(line.quantity())
                    .append('x')
                    .append(line.productCode())
                    .append('@')
                    .append(line.unitPrice().minor());
        }
        return s.toString();
    }

    static String refused() {
        RecordSigner signer = new RecordSigner(RecordExamples.TERMINAL_KEY);
        SignedRecord sale = signer.sign(RecordExamples.sale(1, RecordHash.GENESIS));
        byte[] encoded = sale.encoded();
        int signedLength = sale.signedBytes().length;
        StringBuilder out = new StringBuilder("""
                # Bytes every verifier must refuse, with the RecordVerifier refusal and, when decoding
                # fails, the RecordCodec DecodeError. Derived from this sale of the records.txt terminal
                # (key and ids as there), sequence 1, previous hash GENESIS:
                """);
        out.append("# ").append(Bytes.hex(encoded)).append('\n');
        refusal(out, "truncated-signature", Arrays.copyOf(encoded, encoded.length - 1), "MALFORMED", "TRUNCATED");
        refusal(
                out,
                "shorter-than-any-record",
                Arrays.copyOf(encoded, RecordCodec.MIN_ENCODED_LENGTH - 1),
                "MALFORMED",
                "TRUNCATED");
        refusal(out, "empty", new byte[0], "MALFORMED", "TRUNCATED");
        byte[] trailing = new byte[encoded.length + 1];
        System.arraycopy(encoded, 0, trailing, 0, signedLength);
        System.arraycopy(encoded, signedLength, trailing, signedLength + 1, 64);
        refusal(out, "byte-between-record-and-signature", trailing, "MALFORMED", "TRAILING_BYTES");
        refusal(
                out,
                "version-2",
                patch(encoded, b -> b[RecordCodec.OFFSET_VERSION] = 2),
                "UNSUPPORTED_VERSION",
                "UNSUPPORTED_VERSION");
        refusal(
                out,
                "unknown-kind-11",
                patch(encoded, b -> b[RecordCodec.OFFSET_KIND] = 11),
                "MALFORMED",
                "UNKNOWN_CODE");
        refusal(
                out,
                "unknown-authority-0",
                patch(encoded, b -> b[RecordCodec.OFFSET_AUTHORITY] = 0),
                "MALFORMED",
                "UNKNOWN_CODE");
        refusal(
                out,
                "unknown-flag-bit-7",
                patch(encoded, b -> b[RecordCodec.OFFSET_FLAGS] |= (byte) 0x80),
                "MALFORMED",
                "UNKNOWN_CODE");
        refusal(
                out,
                "uid-length-3",
                patch(encoded, b -> b[RecordCodec.OFFSET_UID_LENGTH] = 3),
                "MALFORMED",
                "BAD_LENGTH");
        refusal(
                out,
                "sequence-0",
                patch(encoded, b -> b[RecordCodec.OFFSET_SEQUENCE + 7] = 0),
                "MALFORMED",
                "BAD_VALUE");
        refusal(out, "flipped-signature-bit", patch(encoded, b -> b[b.length - 1] ^= 0x01), "BAD_SIGNATURE", "");
        refusal(
                out,
                "flipped-time-bit",
                patch(encoded, b -> b[RecordCodec.OFFSET_TIME + 7] ^= 0x01),
                "BAD_SIGNATURE",
                "");
        refusal(
                out,
                "signed-by-another-key",
                new RecordSigner(RecordExamples.OTHER_KEY).sign(sale.record()).encoded(),
                "BAD_SIGNATURE",
                "");
        refusal(
                out,
                "unenrolled-terminal",
                signer.sign(sale.record().toBuilder()
                                .terminal(RecordExamples.OTHER_TERMINAL)
                                .build())
                        .encoded(),
                "UNKNOWN_KEY",
                "");
        return out.toString();
    }

    private static byte[] patch(byte[] bytes, Consumer<byte[]> change) {
        byte[] out = bytes.clone();
        change.accept(out);
        return out;
    }

    private static void refusal(StringBuilder out, String name, byte[] encoded, String refusal, String error) {
        out.append('\n').append("name: ").append(name).append('\n');
        out.append("encoded: ").append(Bytes.hex(encoded)).append('\n');
        out.append("refusal: ").append(refusal).append('\n');
        out.append("decode-error: ").append(error).append('\n');
    }
}
