package io.fcs.central.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.RecordRefusal;
import io.fcs.protocol.record.RecordSigner;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.RecordVerifier;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchVerifierTest {

    private final FestivalId festival = FestivalId.of(UUID.randomUUID());
    private final SimTerminal terminal = new SimTerminal(festival, new Random(7), new HashMap<>());

    private TerminalDirectory knowing(SimTerminal known) {
        return new TerminalDirectory() {
            @Override
            public Optional<Ed25519.VerificationKey> key(TerminalId id) {
                return id.equals(known.id) ? Optional.of(known.key.verificationKey()) : Optional.empty();
            }

            @Override
            public Optional<Instant> revokedAt(TerminalId id) {
                return Optional.empty();
            }

            @Override
            public Optional<FestivalId> festival(TerminalId id) {
                return Optional.of(festival);
            }

            @Override
            public UUID pointOfSale(TerminalId id) {
                return id.value();
            }
        };
    }

    @Test
    void everyRecordOfABatchGetsTheVerdictOfTheRecordVerifierInItsOwnPlace() {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            SignedRecord signed = terminal.topUp("04A1B2C3D4E5F6", null, 100 + i, PaymentMethod.CASH);
            byte[] bytes = signed.encoded();
            if (i % 17 == 5) {
                bytes = new RecordSigner(Ed25519.generate())
                        .sign(signed.record())
                        .encoded();
            }
            if (i == 42) {
                bytes = java.util.Arrays.copyOf(bytes, 20);
            }
            records.add(bytes);
        }
        records.add(SimTerminal.create(festival)
                .topUp("04A1B2C3D4E5F6", null, 1, PaymentMethod.CASH)
                .encoded());
        BatchVerifier verifier = new BatchVerifier(knowing(terminal), 3);
        try {
            List<RecordVerification> verdicts = verifier.verify(terminal.id, records);

            RecordVerifier oneByOne = new RecordVerifier(knowing(terminal)::key);
            assertThat(verdicts).hasSize(records.size());
            for (int i = 0; i < records.size(); i++) {
                RecordVerification expected = oneByOne.verify(records.get(i));
                assertThat(verdicts.get(i)).as("record %d", i).isEqualTo(expected);
            }
            assertThat(verdicts.get(5)).isInstanceOf(RecordVerification.Refused.class);
            assertThat(((RecordVerification.Refused) verdicts.get(5)).reason()).isEqualTo(RecordRefusal.BAD_SIGNATURE);
            assertThat(((RecordVerification.Refused) verdicts.get(42)).reason()).isEqualTo(RecordRefusal.MALFORMED);
            assertThat(((RecordVerification.Refused) verdicts.get(100)).reason())
                    .isEqualTo(RecordRefusal.UNKNOWN_KEY);
            assertThat(verdicts.get(6)).isInstanceOf(RecordVerification.Valid.class);
        } finally {
            verifier.destroy();
        }
    }

    @Test
    void aBatchCheckedBesideItsTransactionGetsTheSameVerdictsAsOneVerifiedFirst() {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SignedRecord signed = terminal.topUp("04A1B2C3D4E5F6", null, 100 + i, PaymentMethod.CASH);
            records.add(
                    i == 37
                            ? new RecordSigner(Ed25519.generate())
                                    .sign(signed.record())
                                    .encoded()
                            : signed.encoded());
        }
        BatchVerifier verifier = new BatchVerifier(knowing(terminal), 2);
        try {
            BatchVerifier.Pending pending = verifier.start(terminal.id, records).orElseThrow();

            assertThat(pending.assumed()).hasSize(60).allMatch(RecordVerification::isValid);
            assertThat(pending.allAuthentic()).isFalse();
            assertThat(pending.join()).isEqualTo(verifier.verify(terminal.id, records));
            assertThat(((RecordVerification.Refused) pending.join().get(37)).reason())
                    .isEqualTo(RecordRefusal.BAD_SIGNATURE);
            assertThat(verifier.start(terminal.id, records.subList(0, 37))
                            .orElseThrow()
                            .allAuthentic())
                    .isTrue();
        } finally {
            verifier.destroy();
        }
    }

    @Test
    void aBatchThatDoesNotDecodeNamesAnotherTerminalOrHasNoKeyIsNotCheckedBesideItsTransaction() {
        byte[] good =
                terminal.topUp("04A1B2C3D4E5F6", null, 100, PaymentMethod.CASH).encoded();
        SimTerminal other = SimTerminal.create(festival);
        byte[] others =
                other.topUp("04A1B2C3D4E5F6", null, 1, PaymentMethod.CASH).encoded();
        BatchVerifier verifier = new BatchVerifier(knowing(terminal), 2);
        try {
            assertThat(verifier.start(terminal.id, List.of(good, java.util.Arrays.copyOf(good, 20))))
                    .isEmpty();
            assertThat(verifier.start(terminal.id, List.of(good, others))).isEmpty();
            assertThat(verifier.start(other.id, List.of(others))).isEmpty();
            assertThat(verifier.start(terminal.id, List.of())).isEmpty();
            assertThat(verifier.start(terminal.id, List.of(good))).isPresent();
        } finally {
            verifier.destroy();
        }
    }

    @Test
    void anEmptyBatchNeedsNoKey() {
        BatchVerifier verifier = new BatchVerifier(knowing(terminal), 2);
        try {
            assertThat(verifier.verify(terminal.id, List.of())).isEmpty();
        } finally {
            verifier.destroy();
        }
    }
}
