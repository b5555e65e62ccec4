package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import io.leadreach.spring.ui.internal.ConsoleRenderer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code leadreach.ui.enabled=false}: no pages, no assets; a browser at an API path gets the JSON. */
@SpringBootTest(classes = TestApplication.class, properties = {"leadreach.ui.enabled=false",
        "logging.level.io.leadreach=WARN"})
@AutoConfigureMockMvc
class ConsoleDisabledTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Test
    void withTheConsoleOffABrowserGetsJsonAndNoAssetsAreServed() throws Exception {
        assertThat(context.getBeansOfType(ConsoleRenderer.class)).isEmpty();
        mvc.perform(get("/leads/whatsapp/campaigns")
                        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                        .with(ApiTestSupport.as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get("/leads/whatsapp/assets/console.js")).andExpect(status().isNotFound());
    }
}
