package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.preview.MessagingLimit;
import io.leadreach.preview.PreviewConfig;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.WhatsAppTransport;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code leadreach.analytics.*} and {@code leadreach.preview.*}: reach the core, and bad values stop start-up naming the property. */
class AnalyticsAndPreviewPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachAutoConfiguration.class))
            .withUserConfiguration(Transport.class)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments");

    @Configuration(proxyBeanMethods = false)
    static class Transport {
        @Bean
        WhatsAppTransport transport() {
            return new RecordingTransport();
        }
    }

    @Test
    void analyticsPropertiesReachTheCore() {
        runner.withPropertyValues("leadreach.analytics.zone=Europe/Madrid", "leadreach.analytics.first-day-of-week=sunday",
                        "leadreach.analytics.min-reads-for-suggestion=20", "leadreach.analytics.default-send-hour=11:30",
                        "leadreach.analytics.suggestion-lookback=30d")
                .run(context -> {
                    var config = context.getBean(LeadReach.class).analytics().config();
                    assertThat(config.zone()).isEqualTo(ZoneId.of("Europe/Madrid"));
                    assertThat(config.firstDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
                    assertThat(config.minReadsForSuggestion()).isEqualTo(20);
                    assertThat(config.defaultSendHour()).isEqualTo(LocalTime.of(11, 30));
                    assertThat(config.suggestionLookback()).isEqualTo(Duration.ofDays(30));
                });
    }

    @Test
    void anUnknownZoneFailsNamingTheProperty() {
        runner.withPropertyValues("leadreach.analytics.zone=Mars/Olympus")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("leadreach.analytics.zone"));
    }

    @Test
    void nonPositiveAnalyticsSettingsFailNamingTheProperty() {
        runner.withPropertyValues("leadreach.analytics.min-reads-for-suggestion=0",
                        "leadreach.analytics.suggestion-lookback=0s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.analytics.min-reads-for-suggestion")
                        .hasMessageContaining("leadreach.analytics.suggestion-lookback"));
    }

    @Test
    void previewPropertiesReachTheCore() {
        runner.withPropertyValues("leadreach.preview.messaging-limit=tier-2k", "leadreach.preview.max-scanned=5000",
                        "leadreach.preview.rate-card=classpath:io/leadreach/analytics/sample-rate-card.csv")
                .run(context -> {
                    PreviewConfig config = context.getBean(PreviewConfig.class);
                    assertThat(config.messagingLimit()).isEqualTo(MessagingLimit.TIER_2K);
                    assertThat(config.maxScanned()).isEqualTo(5000);
                    assertThat(config.rateCard()).isNotNull();
                });
    }

    @Test
    void withoutARateCardPreviewsGiveNoCost() {
        runner.run(context -> assertThat(context.getBean(PreviewConfig.class).rateCard()).isNull());
    }

    @Test
    void aMissingRateCardFailsNamingTheProperty() {
        runner.withPropertyValues("leadreach.preview.rate-card=classpath:no/such/rates.csv")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("leadreach.preview.rate-card"));
    }

    @Test
    void badPreviewSettingsFailNamingTheProperty() {
        runner.withPropertyValues("leadreach.preview.max-scanned=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.preview.max-scanned"));
        runner.withPropertyValues("leadreach.preview.messaging-limit=tier-3")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("leadreach.preview.messaging-limit"));
    }
}
