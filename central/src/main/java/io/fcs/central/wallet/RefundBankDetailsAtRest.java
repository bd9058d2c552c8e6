package io.fcs.central.wallet;

import io.fcs.central.config.PersonalData;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves refund IBANs stored in plain text before decision 0223 into the encrypted column, at
 * start-up (SQL cannot encrypt). Idempotent: only rows that still hold a plaintext IBAN are
 * touched, each with a conditional update, so several instances starting together do no harm.
 */
@Component
class RefundBankDetailsAtRest implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RefundBankDetailsAtRest.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES = 10_000;

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    RefundBankDetailsAtRest(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    @Override
    public void run(ApplicationArguments args) {
        int moved = encryptPlaintextIbans();
        if (moved > 0) {
            log.info("encrypted {} refund IBANs stored in plain text", moved);
        }
    }

    /** Encrypts every plaintext IBAN still stored and empties the plaintext column; answers how many. */
    int encryptPlaintextIbans() {
        record Row(java.util.UUID id, String iban) {}
        int moved = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<Row> rows = jdbc.sql("select id, iban from cashless_refund where iban is not null order by id"
                            + " fetch first " + BATCH + " rows only")
                    .query((rs, n) -> new Row(rs.getObject(1, java.util.UUID.class), rs.getString(2)))
                    .list();
            if (rows.isEmpty()) {
                break;
            }
            for (Row row : rows) {
                moved += jdbc.sql("update cashless_refund set iban_enc = coalesce(iban_enc, ?), iban = null"
                                + " where id = ? and iban = ?")
                        .params(personalData.encrypt(row.iban()), row.id(), row.iban())
                        .update();
            }
        }
        return moved;
    }
}
