package io.fcs.central.auth;

import io.fcs.central.config.CentralProperties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * First start on an empty database: creates the ADMIN from {@code CENTRAL_ADMIN_EMAIL} and
 * {@code CENTRAL_ADMIN_PASSWORD}, when both are set.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts users;
    private final CentralProperties properties;

    AdminBootstrap(UserAccounts users, CentralProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String email = properties.admin().email();
        String password = properties.admin().password();
        if (!users.none()) {
            return;
        }
        if (email == null || email.isBlank() || password == null || password.isBlank()) {
            log.warn("empty database and no CENTRAL_ADMIN_EMAIL/CENTRAL_ADMIN_PASSWORD: no administrator exists");
            return;
        }
        if (password.length() < 12) {
            throw new IllegalStateException("CENTRAL_ADMIN_PASSWORD must have at least 12 characters");
        }
        users.create(email, password, "Administrator", Set.of(Role.ADMIN), Set.of());
        log.info("created the first administrator");
    }
}
