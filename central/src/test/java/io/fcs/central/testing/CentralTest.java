package io.fcs.central.testing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of every Spring test of central on H2: one configuration (profile {@code test}, in-memory
 * H2, fixed secrets), so the application context is built once per JVM and cached. Tests share
 * the database: create your own festivals/users (unique names) instead of assuming empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(TestTokens.class)
public abstract class CentralTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected TestTokens tokens;
}
