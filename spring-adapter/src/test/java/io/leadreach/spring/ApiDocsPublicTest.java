package io.leadreach.spring;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** With {@code leadreach.web.api-docs-public=true} the OpenAPI description needs no login; the API still does. */
@SpringBootTest(classes = TestApplication.class, properties = {
        "leadreach.web.api-docs-public=true",
        "leadreach.attachments.directory=target/test-attachments",
        "logging.level.io.leadreach=WARN"})
@AutoConfigureMockMvc
class ApiDocsPublicTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theDocsAreOpenAndTheRoutesAreNot() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        mvc.perform(get("/leads/whatsapp/campaigns")).andExpect(status().isUnauthorized());
    }
}
