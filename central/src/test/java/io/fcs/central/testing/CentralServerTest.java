package io.fcs.central.testing;

import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of tests that need central listening on a real port (browser tests): the test
 * configuration of {@link CentralTest} on 127.0.0.1 and a free port, shared by every such test
 * class of the JVM. One instance per class, so a browser can be opened once in {@code @BeforeAll}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestTokens.class)
public abstract class CentralServerTest {

    @LocalServerPort
    protected int port;
}
