package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.leadreach.security.Permission;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** One shared application context for the web tests, and helpers for users with permissions. */
@SpringBootTest(classes = TestApplication.class, properties = {
        "leadreach.sending.lead-pacing=0s",
        "leadreach.sending.max-bulk-leads=20",
        // These tests are about the API, not WhatsApp's 24-hour window: free-form sends go to leads
        // who never wrote. TrackingApiTest keeps the window on and opens it with inbound messages.
        "leadreach.sending.enforce-service-window=false",
        "leadreach.attachments.directory=target/test-attachments",
        // maria's own phone for test sends (a fictional number)
        "leadreach.ui.test-recipients.maria=+12015550199",
        "logging.level.io.leadreach=WARN"})
@AutoConfigureMockMvc
abstract class ApiTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    RecordingTransport transport;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void resetClock() {
        clock.set(TestApplication.NOON);
    }

    /** A logged-in user holding these permissions, with a CSRF token. */
    static RequestPostProcessor as(Permission... permissions) {
        String[] authorities = Arrays.stream(permissions).map(Permission::authority).toArray(String[]::new);
        RequestPostProcessor user = user("maria").authorities(
                Arrays.stream(authorities).map(org.springframework.security.core.authority.SimpleGrantedAuthority::new)
                        .toList());
        return request -> csrf().postProcessRequest(user.postProcessRequest(request));
    }

    /** Waits (15 s at most) until the campaign's JSON says this status; a timeout names the last one seen. */
    void awaitStatus(long id, String wanted) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> {
                    String body = mvc.perform(get("/leads/whatsapp/campaigns/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                            .andReturn().getResponse().getContentAsString();
                    String status = body.replaceAll(".*\"campaign\":\\{[^}]*?\"status\":\"([A-Z]+)\".*", "$1");
                    assertThat(status).as("campaign %s's status", id).isEqualTo(wanted);
                });
    }
}
