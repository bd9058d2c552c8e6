package io.fcs.central.sync;

import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordDecoding;
import io.fcs.protocol.record.SignedRecord;

/** Reads back records central stored after verifying them. */
final class RecordPostingDecoder {

    private RecordPostingDecoder() {}

    static SignedRecord signed(byte[] encoded) {
        return switch (RecordCodec.decodeSigned(encoded)) {
            case RecordDecoding.Decoded<SignedRecord> decoded -> decoded.value();
            case RecordDecoding.Malformed<SignedRecord> malformed ->
                throw new IllegalStateException("a stored record no longer decodes: " + malformed);
        };
    }
}
