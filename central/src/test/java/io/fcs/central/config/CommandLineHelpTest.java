package io.fcs.central.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineHelpTest {

    @Test
    void helpIsRecognisedInAnyPosition() {
        assertThat(CommandLineHelp.wantsHelp(new String[] {"--server.port=9000", "--help"}))
                .isTrue();
        assertThat(CommandLineHelp.wantsHelp(new String[] {"--server.port=9000"}))
                .isFalse();
    }

    @Test
    void helpListsEveryEnvironmentVariable() {
        assertThat(CommandLineHelp.text())
                .contains(
                        "CENTRAL_DATA_DIR",
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "CENTRAL_JWT_SECRET",
                        "CENTRAL_ADMIN_EMAIL",
                        "CENTRAL_ADMIN_PASSWORD",
                        "CENTRAL_DATA_KEY",
                        "CENTRAL_PAYMENT_WEBHOOK_SECRET",
                        "SERVER_PORT");
    }
}
