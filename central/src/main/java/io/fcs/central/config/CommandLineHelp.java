package io.fcs.central.config;

import java.util.Arrays;

/** The {@code --help} text: printed before Spring starts, so it needs no database or key. */
public final class CommandLineHelp {

    private CommandLineHelp() {}

    public static boolean wantsHelp(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    public static String text() {
        return """
                Usage: java -jar central.jar [--option=value ...]

                Festival cashless & access control: central service (ledger, wallets, ticketing,
                auth, devices, admin API). Every option can be given as --name=value or as the
                environment variable in brackets. Defaults need no set-up: an H2 file database
                in the data folder, secrets generated and kept there.

                  --server.port=8080                         [SERVER_PORT] HTTP port
                  --central.data-dir=./data/central          [CENTRAL_DATA_DIR] data folder (H2 files, generated keys)
                  --spring.datasource.url=jdbc:postgresql://host/db
                                                             [SPRING_DATASOURCE_URL] use PostgreSQL instead of H2
                  --spring.datasource.username=...           [SPRING_DATASOURCE_USERNAME]
                  --spring.datasource.password=...           [SPRING_DATASOURCE_PASSWORD]
                  --central.admin.email=...                  [CENTRAL_ADMIN_EMAIL] first ADMIN, created on an empty database
                  --central.admin.password=...               [CENTRAL_ADMIN_PASSWORD] its password (min. 12 characters)
                  --central.jwt.secret=...                   [CENTRAL_JWT_SECRET] HS256 secret (>= 32 bytes); generated into
                                                             <data-dir>/jwt-secret when absent
                  --central.jwt.access-token-ttl=PT15M       [CENTRAL_JWT_ACCESS_TOKEN_TTL] access token lifetime
                  --central.jwt.refresh-token-ttl=P14D       [CENTRAL_JWT_REFRESH_TOKEN_TTL] refresh token lifetime
                  --central.jwt.issuer=fcs-central           [CENTRAL_JWT_ISSUER] issuer claim of access tokens
                  --central.bcrypt-strength=10               [CENTRAL_BCRYPT_STRENGTH] bcrypt cost of password hashes
                  --central.login.max-failures=5             [CENTRAL_LOGIN_MAX_FAILURES] failures per e-mail+IP per window
                  --central.login.window=PT15M               [CENTRAL_LOGIN_WINDOW] throttling window
                  --central.data-key=base64                  [CENTRAL_DATA_KEY] AES-256 key for personal data (base64 of
                                                             32 bytes, optionally "keyId:base64"); generated into
                                                             <data-dir>/data-key when absent; several keys
                                                             "k2:...,k1:..." rotate (first encrypts, all decrypt)
                  --central.lookup-key=base64                [CENTRAL_LOOKUP_KEY] HMAC key of e-mail lookups; generated into
                                                             <data-dir>/lookup-key when absent
                  --central.payment.webhook-secret=...       [CENTRAL_PAYMENT_WEBHOOK_SECRET] HMAC secret of the payment
                                                             provider's webhooks; generated when absent
                  --central.payment.webhook-tolerance=PT5M   [CENTRAL_PAYMENT_WEBHOOK_TOLERANCE] webhook replay window
                  --central.http.max-body-bytes=65536        [CENTRAL_HTTP_MAX_BODY_BYTES] largest JSON request body
                  --central.http.max-sync-body-bytes=8388608 [CENTRAL_HTTP_MAX_SYNC_BODY_BYTES] largest /sync body
                  --central.tickets.unpaid-order-ttl=PT15M   [CENTRAL_TICKETS_UNPAID_ORDER_TTL] unpaid ticket orders expire
                  --central.tickets.expiry-check=PT30S       [CENTRAL_TICKETS_EXPIRY_CHECK] how often orders are expired
                  --central.audit.chain-delay=PT0.2S         [CENTRAL_AUDIT_CHAIN_DELAY] how often audit events are chained
                  --central.auth.blocked-users-refresh=PT2S  [CENTRAL_AUTH_BLOCKED_USERS_REFRESH] re-read of disabled accounts
                  --central.payment.refund-retry=PT30S       [CENTRAL_PAYMENT_REFUND_RETRY] how often unanswered card refunds
                                                             are sent again
                  --help                                     print this text and exit

                Endpoints: /actuator/health, /actuator/prometheus, /v3/api-docs, /swagger-ui.html
                """;
    }
}
