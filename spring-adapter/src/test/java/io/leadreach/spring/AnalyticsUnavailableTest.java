package io.leadreach.spring;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import io.leadreach.spring.internal.Actors;
import io.leadreach.spring.internal.AnalyticsController;
import io.leadreach.spring.internal.ProblemDetails;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Without an analytics store (a custom message store and no AnalyticsStore) the dashboard is 501, saying what is missing. */
class AnalyticsUnavailableTest {

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDashboardIs501WithoutAnAnalyticsStore() throws Exception {
        AnalyticsController controller = new AnalyticsController(() -> {
            throw new IllegalStateException("analytics needs an AnalyticsStore beside a custom MessageStore");
        }, Clock.systemUTC(), new Actors(ActorResolver.byAuthorityNames()));
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ProblemDetails()).build();
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("ana", "x", Permission.ANALYTICS_VIEW.authority()));

        mvc.perform(get("/leads/whatsapp/analytics"))
                .andExpect(status().isNotImplemented())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("analytics needs an AnalyticsStore beside a custom MessageStore"));
    }
}
