package io.fcs.central.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.central.testing.CentralTest;
import io.fcs.central.web.ApiException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class CardRefundsTest extends CentralTest {

    @Autowired
    Payments payments;

    @Autowired
    RefundDispatcher dispatcher;

    @Autowired
    SandboxPaymentProvider sandbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    private UUID capturedPayment(long cents) {
        Payments.Payment payment = payments.start("test_purchase", UUID.randomUUID(), null, cents, "EUR", null);
        assertThat(payment.status()).isEqualTo(Payments.Status.CAPTURED);
        return payment.id();
    }

    @Test
    void aRefundRolledBackWithWhatCausedItAsksTheProviderForNothing() {
        UUID payment = capturedPayment(1_000);

        tx.executeWithoutResult(status -> {
            payments.refund(payment, null, 400);
            status.setRollbackOnly();
        });

        assertThat(jdbc.sql("select count(*) from payment_refund where payment_id = ?")
                        .param(payment)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select refunded_cents from payment where id = ?")
                        .param(payment)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aRefundIsSentAfterCommitAndAgainUntilTheProviderAnswersAndNeverBeyondTheCapture() {
        UUID payment = capturedPayment(1_000);
        sandbox.leaveRefundsUnanswered(1);

        UUID refund = tx.execute(status -> payments.refund(payment, null, 400));

        Payments.CardRefund unanswered = payments.cardRefund(refund).orElseThrow();
        assertThat(unanswered.status()).isEqualTo("PENDING");
        assertThat(unanswered.attempts()).isEqualTo(1);
        jdbc.sql("update payment_refund set next_attempt_at = next_attempt_at - interval '2' hour where id = ?")
                .param(refund)
                .update();
        dispatcher.sendDue();
        Payments.CardRefund answered = payments.cardRefund(refund).orElseThrow();
        assertThat(answered.status()).isEqualTo("DONE");
        assertThat(answered.attempts()).isEqualTo(2);
        assertThat(dispatcher.send(refund)).isFalse();
        assertThatThrownBy(() -> tx.execute(status -> payments.refund(payment, null, 700)))
                .isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo("payment_not_refundable");
    }
}
