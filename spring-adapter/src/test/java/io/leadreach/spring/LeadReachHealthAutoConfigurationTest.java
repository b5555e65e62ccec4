package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.internal.Access;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LeadReachHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachWhatsAppAutoConfiguration.class,
                    LeadReachHealthAutoConfiguration.class, LeadReachAutoConfiguration.class))
            .withUserConfiguration(NoonClockConfig.class)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments");

    private static Health health(org.springframework.context.ApplicationContext context) {
        return context.getBean("leadReachTransportHealthIndicator", HealthIndicator.class).health();
    }

    @Test
    void theSandboxIsUpWithItsSimulator() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Health h = health(context);
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails()).containsEntry("mode", "sandbox").containsKey("simulator");
        });
    }

    @Test
    void theCloudApiIsUpWhenConfiguredAndDownAfterAConfigurationError() {
        runner.withPropertyValues("leadreach.whatsapp.mode=cloud-api", "leadreach.whatsapp.phone-number-id=1234567890",
                "leadreach.whatsapp.access-token=test-token-not-real").run(context -> {
            assertThat(context).hasNotFailed();
            Health h = health(context);
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails()).containsEntry("mode", "cloud-api").containsEntry("configured", true);

            SendOutcomeRecorder outcomes = context.getBean(SendOutcomeRecorder.class);
            outcomes.onFailed("configuration", Duration.ofMillis(40));
            h = health(context);
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsEntry("lastErrorClass", "configuration");
            outcomes.onSent(Duration.ofMillis(30));
            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void anotherTransportIsUpAndShowsTheLatestFailureTheEngineSaw() {
        runner.withUserConfiguration(RecordingTransportConfig.class).withPropertyValues("leadreach.sending.enforce-service-window=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RecordingTransport transport = context.getBean(RecordingTransport.class);
                    LeadReach leadReach = context.getBean(LeadReach.class);
                    ((io.leadreach.memory.InMemoryLeadDirectory) Access.wiring(leadReach).leads())
                            .put(io.leadreach.lead.Lead.builder(1).name("Ada").mobile("+12015550101").build());
                    transport.answerFor("+12015550101", SendOutcome.Rejected.of(ErrorClass.RETRYABLE, "131000", "try later"));
                    leadReach.service().sendSingleMessage(Actor.of("maria", Permission.SEND), 1, "Hi", null);
                    Health h = health(context);
                    assertThat(h.getStatus()).isEqualTo(Status.UP);
                    assertThat(h.getDetails()).containsEntry("transport", RecordingTransport.class.getName())
                            .containsEntry("lastErrorClass", "retryable");
                });
    }

    @Test
    void offByPropertyOrWithoutSpringBootHealth() {
        runner.withPropertyValues("management.health.leadreach.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("leadReachTransportHealthIndicator"));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean("leadReachTransportHealthIndicator"));
    }

    @Test
    void theHostsIndicatorWins() {
        runner.withUserConfiguration(HostIndicator.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(health(context).getDetails()).containsEntry("host", true);
        });
    }


    @Configuration(proxyBeanMethods = false)
    static class HostIndicator {
        @Bean
        HealthIndicator leadReachTransportHealthIndicator() {
            return () -> Health.up().withDetail("host", true).build();
        }
    }
}
