package io.fcs.central.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountKeyTest {

    @Test
    void aSubjectIsOneToSixtyFourLettersDigitsDotsUnderscoresColonsOrDashes() {
        String longest = "a".repeat(64);
        for (String subject : new String[] {
            "x", "Z9", "shift.1", "a_b", "rec:1", UUID.randomUUID().toString(), longest
        }) {
            assertThat(new AccountKey(AccountKind.POS_REVENUE, subject).subject())
                    .isEqualTo(subject);
        }
    }

    @Test
    void anyOtherSubjectIsRefused() {
        for (String subject : new String[] {"", "a".repeat(65), "a b", "é", "a/b", "a;b", "a'b", "\u0000", "ａ"}) {
            assertThatThrownBy(() -> new AccountKey(AccountKind.POS_REVENUE, subject))
                    .as(subject)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("account subject must be 1-64 of [A-Za-z0-9._:-]");
        }
        assertThatThrownBy(() -> new AccountKey(AccountKind.POS_REVENUE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void festivalWideKindsTakeTheFestivalSubjectAndOthersNeverDo() {
        assertThat(AccountKey.fees().subject()).isEqualTo(AccountKey.FESTIVAL);
        assertThatThrownBy(() -> new AccountKey(AccountKind.FEES, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountKey(AccountKind.WALLET, AccountKey.FESTIVAL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
