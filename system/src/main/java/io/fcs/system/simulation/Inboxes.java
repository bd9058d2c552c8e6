package io.fcs.system.simulation;

import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.SequenceRange;
import io.fcs.protocol.record.ChainStatus;
import io.fcs.protocol.record.ChainStep;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordDecoding;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TerminalChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Taking in one terminal's record batch, as the edge and central both do it: verify each record
 * (decoding, enrolled key, signature) with the protocol's {@code RecordVerifier}, place it with
 * the terminal's {@link TerminalChain}, and say what to acknowledge: the watermark, the missing
 * ranges, the refused sequences. Records that are not authentic never reach the chain.
 */
final class Inboxes {

    /** Told of each record the chain took in, and of each it absorbed as already held. */
    interface Listener {
        /** Whether exactly these signed bytes were verified and stored before (no need to verify again). */
        boolean holds(SignedRecord signed);

        void accepted(SignedRecord signed, ChainStatus status);

        default void absorbed(SignedRecord signed, ChainStatus status) {}
    }

    record Outcome(boolean changed, List<SequenceRange> missing, List<RefusedRecord> refused, List<String> alerts) {}

    private Inboxes() {}

    static Outcome take(FestivalSimulation sim, TerminalChain chain, RecordBatch batch, Listener listener) {
        TreeMap<Long, RefusedRecord.Reason> refused = new TreeMap<>();
        List<String> alerts = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < batch.records().size(); i++) {
            long position = batch.firstSequence() + i;
            byte[] bytes = batch.records().get(i).toByteArray();
            RecordVerification verification;
            if (RecordCodec.decodeSigned(bytes) instanceof RecordDecoding.Decoded<SignedRecord> decoded) {
                if (listener.holds(decoded.value())) {
                    listener.absorbed(decoded.value(), ChainStatus.DUPLICATE);
                    continue;
                }
                verification = sim.verifier().verify(decoded.value(), null);
            } else {
                verification = sim.verifier().verify(bytes);
            }
            if (verification instanceof RecordVerification.Refused no) {
                sim.stats.refusedRecords++;
                refused.putIfAbsent(
                        position,
                        switch (no.reason()) {
                            case BAD_SIGNATURE -> RefusedRecord.Reason.BAD_SIGNATURE;
                            case UNKNOWN_KEY -> RefusedRecord.Reason.UNKNOWN_TERMINAL;
                            default -> RefusedRecord.Reason.MALFORMED;
                        });
                continue;
            }
            SignedRecord signed = ((RecordVerification.Valid) verification).record();
            long sequence = signed.record().sequence();
            if (!signed.record().terminal().equals(batch.terminalId())) {
                sim.stats.garbage++; // an authentic record in another terminal's batch: a damaged header
                refused.putIfAbsent(position, RefusedRecord.Reason.MALFORMED);
                continue;
            }
            ChainStep step = chain.accept(signed);
            ChainStatus status = step.status();
            if (status.accepted()) {
                changed = true;
                listener.accepted(signed, status);
            } else if (status == ChainStatus.DUPLICATE || status == ChainStatus.STALE) {
                listener.absorbed(signed, status);
            } else {
                changed = true;
                alerts.add(status + " " + chain.terminal() + "#" + sequence + ": " + step.detail());
                refused.putIfAbsent(
                        sequence,
                        switch (status) {
                            case FORK -> RefusedRecord.Reason.FORK;
                            case BROKEN_LINK -> RefusedRecord.Reason.CHAIN_BROKEN;
                            default -> RefusedRecord.Reason.CONFLICTING_DUPLICATE;
                        });
            }
        }
        List<SequenceRange> missing = new ArrayList<>();
        for (io.fcs.protocol.record.SequenceRange gap : chain.gaps()) {
            missing.add(SequenceRange.of(gap.first(), gap.last()));
        }
        List<RefusedRecord> refusals = new ArrayList<>();
        for (Map.Entry<Long, RefusedRecord.Reason> entry : refused.entrySet()) {
            refusals.add(new RefusedRecord(entry.getKey(), entry.getValue()));
        }
        return new Outcome(changed, missing, refusals, alerts);
    }
}
