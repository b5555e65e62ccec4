package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.internal.Access;
import io.leadreach.metrics.EngineObserver;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.InboundReply;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LeadReachMetricsAutoConfigurationTest {

    private static final Actor SENDER = Actor.of("maria", Permission.SEND);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachMetricsAutoConfiguration.class,
                    LeadReachAutoConfiguration.class))
            .withUserConfiguration(RecordingTransportConfig.class, NoonClockConfig.class)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments",
                    "leadreach.sending.enforce-service-window=false");

    @Test
    void withARegistrySendsFailuresLatencyQueueDepthAndWebhookEventsAreMeasured() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MicrometerEngineObserver.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            LeadReach leadReach = context.getBean(LeadReach.class);
            RecordingTransport transport = context.getBean(RecordingTransport.class);
            io.leadreach.memory.InMemoryLeadDirectory leads =
                    (io.leadreach.memory.InMemoryLeadDirectory) Access.wiring(leadReach).leads();
            leads.put(io.leadreach.lead.Lead.builder(1).name("Ada").mobile("+12015550101").build(),
                    io.leadreach.lead.Lead.builder(2).name("Bob").mobile("+12015550102").build());
            transport.answerFor("+12015550102", SendOutcome.Rejected.of(ErrorClass.PERMANENT, "131026", "undeliverable"));

            leadReach.service().sendSingleMessage(SENDER, 1, "Hi {name}", null);
            leadReach.service().sendSingleMessage(SENDER, 2, "Hi {name}", null);
            leadReach.tracker().apply(new InboundReply("+12015550101", "wamid.in-1", "thanks", null, null, "text",
                    null, Instant.now()));

            assertThat(registry.get(MicrometerEngineObserver.SENT).counter().count()).isEqualTo(1);
            assertThat(registry.get(MicrometerEngineObserver.FAILED).tag("reason", "permanent").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get(MicrometerEngineObserver.LATENCY).tag("outcome", "sent").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get(MicrometerEngineObserver.WEBHOOK_EVENTS).tag("kind", "inbound").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get(MicrometerEngineObserver.QUEUE_DEPTH).gauge().value()).isZero();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class DownScanner {
        @Bean
        io.leadreach.attachment.VirusScanner downScanner() {
            return bytes -> {
                throw new io.leadreach.attachment.VirusScanException(
                        io.leadreach.attachment.VirusScanException.Reason.UNAVAILABLE, "clamd is down", null);
            };
        }
    }

    @Test
    void attachmentsAcceptedUnscannedUnderBestEffortAreCounted() {
        runner.withUserConfiguration(Registry.class, DownScanner.class)
                .withPropertyValues("leadreach.attachments.clamd.mode=best-effort").run(context -> {
                    LeadReach leadReach = context.getBean(LeadReach.class);
                    ((io.leadreach.memory.InMemoryLeadDirectory) Access.wiring(leadReach).leads())
                            .put(io.leadreach.lead.Lead.builder(1).name("Ada").mobile("+12015550101").build());

                    leadReach.service().sendSingleMessage(SENDER, 1, "quote", new io.leadreach.attachment.AttachmentUpload(
                            "quote.pdf", io.leadreach.attachment.TestFiles.pdf()));

                    assertThat(context.getBean(MeterRegistry.class).get(MicrometerEngineObserver.ATTACHMENT_SCANS)
                            .tag("outcome", EngineObserver.SCAN_UNSCANNED).counter().count()).isEqualTo(1);
                });
    }

    @Test
    void withoutARegistryThereAreNoMetrics() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerEngineObserver.class));
    }

    @Test
    void withoutMicrometerOnTheClassPathThereAreNoMetrics() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerEngineObserver.class));
    }

    @Test
    void theHostsObserverWinsAndOwnObserversStillHear() {
        runner.withUserConfiguration(Registry.class, HostObserver.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MicrometerEngineObserver.class);
            assertThat(context.getBean(MicrometerEngineObserver.class)).isSameAs(context.getBean("hostMetrics"));
            assertThat(context.getBeansOfType(EngineObserver.class)).hasSize(1);
        });
    }


    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostObserver {
        @Bean
        MicrometerEngineObserver hostMetrics(MeterRegistry registry) {
            return new MicrometerEngineObserver(registry);
        }
    }
}
