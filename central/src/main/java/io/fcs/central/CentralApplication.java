package io.fcs.central;

import io.fcs.central.config.CommandLineHelp;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The central service: ledger, wallets, ticketing, auth, devices and the admin API. Every option
 * is a Spring property and an environment variable; {@code --help} lists them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CentralApplication {

    public static void main(String[] args) {
        if (CommandLineHelp.wantsHelp(args)) {
            System.out.println(CommandLineHelp.text());
            return;
        }
        SpringApplication.run(CentralApplication.class, args);
    }
}
