package io.leadreach.spring;

import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class AnalyticsApiTest extends ApiTestSupport {

    private static final String ANALYTICS = "/leads/whatsapp/analytics";

    @Test
    void theDashboardCountsASendInTheRequestedZoneAndPeriod() throws Exception {
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 12).param("message", "Hi {name}")
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk());
        mvc.perform(get(ANALYTICS).param("zone", "America/New_York").param("from", "2026-02-01")
                        .param("to", "2026-03-02").param("top", "3").with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zone").value("America/New_York"))
                .andExpect(jsonPath("$.from").value("2026-02-01"))
                .andExpect(jsonPath("$.to").value("2026-03-02"))
                .andExpect(jsonPath("$.sent.today").value(greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.sent.thisMonth").value(greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.period.sent").value(greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.period.deliveryRate").isNumber())
                .andExpect(jsonPath("$.daily", hasSize(30)))
                .andExpect(jsonPath("$.daily[29].day").value("2026-03-02"))
                .andExpect(jsonPath("$.sendsByWeekdayHour.byWeekday.MONDAY", hasSize(24)))
                // Noon UTC is 07:00 in New York.
                .andExpect(jsonPath("$.sendsByWeekdayHour.byWeekday.MONDAY[7]").value(greaterThanOrEqualTo(1)))
                .andExpect(jsonPath("$.campaigns").isArray())
                .andExpect(jsonPath("$.topTemplates").isArray())
                .andExpect(jsonPath("$.suggestedSendHour.fallback").value(true))
                .andExpect(jsonPath("$.suggestedSendHour.hour").value("10:00:00"));
    }

    @Test
    void theDefaultPeriodIsTheLast30DaysInTheConfiguredZone() throws Exception {
        mvc.perform(get(ANALYTICS).param("segmentStatus", "qualified").with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zone").value("UTC"))
                .andExpect(jsonPath("$.from").value("2026-02-01"))
                .andExpect(jsonPath("$.to").value("2026-03-02"));
    }

    @Test
    void badQueryParametersAreNamed() throws Exception {
        mvc.perform(get(ANALYTICS).param("zone", "Mars/Olympus").param("from", "yesterday").param("top", "0")
                        .param("status", "RUNNING").with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'zone')].code").value("unknown_zone"))
                .andExpect(jsonPath("$.errors[?(@.field == 'from')].code").value("invalid_date"))
                .andExpect(jsonPath("$.errors[?(@.field == 'top')].code").value("out_of_range"))
                .andExpect(jsonPath("$.errors[?(@.field == 'status')].code").value("unknown_status"));
    }

    @Test
    void anInvertedOrTooLongPeriodIsRefused() throws Exception {
        mvc.perform(get(ANALYTICS).param("from", "2026-03-02").param("to", "2026-03-01")
                        .with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"))
                .andExpect(jsonPath("$.errors[0].code").value("before_from"));
        mvc.perform(get(ANALYTICS).param("from", "2024-01-01").param("to", "2026-03-01")
                        .with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("period_too_long"));
    }

    @Test
    void theDashboardNeedsTheAnalyticsPermission() throws Exception {
        mvc.perform(get(ANALYTICS).with(as(Permission.CAMPAIGN_VIEW, Permission.SEND)))
                .andExpect(status().isForbidden());
    }
}
