package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.internal.Access;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.WebhookParser;
import io.leadreach.whatsapp.WebhookVerifier;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LeadReachAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachWhatsAppAutoConfiguration.class,
                    LeadReachAutoConfiguration.class))
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments");

    @Test
    void defaultsAssembleLeadReachAgainstTheSandboxSimulator() {
        runner.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(LeadReach.class)
                    .hasSingleBean(LeadWhatsAppService.class)
                    .hasSingleBean(WhatsAppCloudSimulator.class)
                    .hasSingleBean(CloudApiTransport.class)
                    .hasSingleBean(WebhookVerifier.class)
                    .hasSingleBean(WebhookParser.class)
                    .hasSingleBean(InMemoryLeadDirectory.class)
                    .hasSingleBean(InMemoryCampaignStore.class)
                    .hasSingleBean(Clock.class);
            WhatsAppCloudSimulator simulator = context.getBean(WhatsAppCloudSimulator.class);
            assertThat(context.getBean(CloudApiConfig.class).baseUrl().toString()).isEqualTo(simulator.baseUrl());
            LeadReach leadReach = context.getBean(LeadReach.class);
            assertThat(Access.wiring(leadReach).transport()).isSameAs(context.getBean(CloudApiTransport.class));
            assertThat(Access.wiring(leadReach).campaigns()).isSameAs(context.getBean(CampaignStore.class));
            SendingConfig sending = Access.wiring(leadReach).config();
            assertThat(sending.senderMessagesPerSecond()).isEqualTo(SendingConfig.DEFAULT_SENDER_MESSAGES_PER_SECOND);
            assertThat(sending.syncBulkLimit()).isEqualTo(SendingConfig.DEFAULT_SYNC_BULK_LIMIT);
            assertThat(sending.sendWindow().quietStart()).isEqualTo(LocalTime.of(22, 0));
            assertThat(context.getBean(AttachmentPolicy.class)).isEqualTo(AttachmentPolicy.ofDefaults());
        });
    }

    @Test
    void hostBeansReplaceTheDefaults() {
        runner.withUserConfiguration(HostBeans.class).run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(CloudApiTransport.class)
                    .hasSingleBean(WhatsAppTransport.class)
                    .hasSingleBean(LeadDirectory.class)
                    .hasSingleBean(Clock.class);
            LeadReach leadReach = context.getBean(LeadReach.class);
            assertThat(Access.wiring(leadReach).transport()).isSameAs(context.getBean(RecordingTransport.class));
            assertThat(Access.wiring(leadReach).leads()).isSameAs(context.getBean("crmLeads"));
            assertThat(Access.wiring(leadReach).clock()).isSameAs(context.getBean(MutableClock.class));
        });
    }

    @Test
    void propertiesReachTheCore() {
        runner.withPropertyValues("leadreach.sending.sync-bulk-limit=5", "leadreach.sending.lead-pacing=0s",
                        "leadreach.sending.quiet-hours.start=21:30", "leadreach.sending.quiet-hours.end=08:00",
                        "leadreach.throttle.messages-per-minute=120", "leadreach.retry.max-attempts=5",
                        "leadreach.attachments.max-size=2MB")
                .run(context -> {
                    SendingConfig sending = Access.wiring(context.getBean(LeadReach.class)).config();
                    assertThat(sending.syncBulkLimit()).isEqualTo(5);
                    assertThat(sending.leadPacing()).isEqualTo(Duration.ZERO);
                    assertThat(sending.sendWindow().quietStart()).isEqualTo(LocalTime.of(21, 30));
                    assertThat(sending.sendWindow().quietEnd()).isEqualTo(LocalTime.of(8, 0));
                    assertThat(sending.defaultThrottle().messagesPerMinute()).isEqualTo(120);
                    assertThat(sending.defaultRetryPolicy().maxAttempts()).isEqualTo(5);
                    assertThat(context.getBean(AttachmentPolicy.class).maxSize()).isEqualTo(2L * 1024 * 1024);
                });
    }

    @Test
    void quietHoursCanBeSwitchedOff() {
        runner.withPropertyValues("leadreach.sending.quiet-hours.enabled=false").run(context ->
                assertThat(context.getBean(SendingConfig.class).sendWindow().hasQuietHours()).isFalse());
    }

    @Test
    void cloudApiModeTalksToTheConfiguredGraphApiWithoutASimulator() {
        runner.withPropertyValues("leadreach.whatsapp.mode=cloud-api", "leadreach.whatsapp.phone-number-id=123456",
                        "leadreach.whatsapp.access-token=test-token", "leadreach.whatsapp.app-secret=test-secret",
                        "leadreach.whatsapp.verify-token=test-verify", "leadreach.whatsapp.base-url=http://127.0.0.1:9",
                        "leadreach.whatsapp.pool-size=8", "leadreach.whatsapp.response-timeout=3s")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(WhatsAppCloudSimulator.class)
                            .hasSingleBean(CloudApiTransport.class);
                    CloudApiConfig config = context.getBean(CloudApiConfig.class);
                    assertThat(config.phoneNumberId()).isEqualTo("123456");
                    assertThat(config.baseUrl().toString()).isEqualTo("http://127.0.0.1:9");
                    assertThat(config.poolSize()).isEqualTo(8);
                    assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(context.getBean(WebhookVerifier.class).handshake("subscribe", "test-verify", "abc"))
                            .contains("abc");
                });
    }

    @Test
    void cloudApiModeWithoutAccessTokenFailsNamingTheProperty() {
        runner.withPropertyValues("leadreach.whatsapp.mode=cloud-api", "leadreach.whatsapp.phone-number-id=123456")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("leadreach.whatsapp.access-token"));
    }

    @Test
    void badSendingSettingsFailNamingTheProperty() {
        runner.withPropertyValues("leadreach.sending.batch-size=0", "leadreach.sending.lease=10s",
                        "leadreach.sending.send-timeout=30s")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.sending.batch-size")
                        .hasMessageContaining("leadreach.sending.send-timeout"));
    }

    @Test
    void theCoreBuildersRulesAreReportedUnderTheirProperties() {
        runner.withPropertyValues("leadreach.retry.max-attempts=11", "leadreach.retry.jitter=2",
                        "leadreach.throttle.messages-per-minute=0", "leadreach.sending.sync-bulk-limit=500",
                        "leadreach.sending.max-bulk-leads=100", "leadreach.whatsapp.pool-size=0",
                        "leadreach.whatsapp.mode=cloud-api", "leadreach.whatsapp.phone-number-id=123456",
                        "leadreach.whatsapp.access-token=test-token", "leadreach.whatsapp.api-version=23")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.retry.max-attempts must be between 1 and "
                                + RetryPolicy.MAX_ATTEMPTS + ", got 11")
                        .hasMessageContaining("leadreach.retry.jitter must be at least 0 and below 1")
                        .hasMessageContaining("leadreach.throttle.messages-per-minute must be positive, got 0")
                        .hasMessageContaining("leadreach.sending.max-bulk-leads (100) must not be below")
                        .hasMessageContaining("leadreach.whatsapp.pool-size must be between 1 and 10000")
                        .hasMessageContaining("leadreach.whatsapp.api-version is malformed"));
    }

    /** A scheduler that only records the recurring jobs it is started with. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class RecordingScheduler {
        final java.util.List<io.leadreach.sending.RecurringJob> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();

        @org.springframework.context.annotation.Bean
        io.leadreach.sending.EngineScheduler recordingScheduler() {
            return new io.leadreach.sending.EngineScheduler() {
                @Override
                public void start(Work work) {
                    jobs.addAll(work.recurringJobs());
                }

                @Override
                public void scheduleCampaign(long campaignId, java.time.Instant at) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @Test
    void theInDoubtReconciliationRunsOnlyWhenItsTimeIsSet() {
        runner.withUserConfiguration(RecordingScheduler.class).run(context ->
                assertThat(context.getBean(RecordingScheduler.class).jobs).extracting(j -> j.name())
                        .doesNotContain(LeadReach.IN_DOUBT_RECONCILE_JOB));
        runner.withUserConfiguration(RecordingScheduler.class)
                .withPropertyValues("leadreach.sending.in-doubt-reconcile-after=3d").run(context ->
                        assertThat(context.getBean(RecordingScheduler.class).jobs)
                                .filteredOn(j -> j.name().equals(LeadReach.IN_DOUBT_RECONCILE_JOB))
                                .singleElement().extracting(j -> j.interval()).isEqualTo(java.time.Duration.ofHours(1)));
        runner.withPropertyValues("leadreach.sending.in-doubt-reconcile-after=0s").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.sending.in-doubt-reconcile-after"));
    }

    @Test
    void withoutTheWhatsAppModuleTheHostsTransportIsUsed() {
        runner.withClassLoader(new FilteredClassLoader(CloudApiTransport.class))
                .withUserConfiguration(HostBeans.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(LeadReach.class)
                        .doesNotHaveBean(CloudApiConfig.class)
                        .doesNotHaveBean(WebhookVerifier.class));
    }

    @Test
    void withoutAnyTransportStartUpFailsSayingWhatIsMissing() {
        runner.withClassLoader(new FilteredClassLoader(CloudApiTransport.class))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("WhatsAppTransport"));
    }

    @Test
    void leadReachStopsWithTheContext() {
        WhatsAppCloudSimulator[] simulator = new WhatsAppCloudSimulator[1];
        runner.run(context -> simulator[0] = context.getBean(WhatsAppCloudSimulator.class));
        assertThat(simulator[0]).isNotNull();
        // The simulator's port is released once the context is closed.
        assertThat(canBind(simulator[0].port())).isTrue();
    }

    private static boolean canBind(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.isBound();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostBeans {
        @Bean
        RecordingTransport recordingTransport() {
            return new RecordingTransport();
        }

        @Bean
        InMemoryLeadDirectory crmLeads() {
            return new InMemoryLeadDirectory();
        }

        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
        }
    }
}
