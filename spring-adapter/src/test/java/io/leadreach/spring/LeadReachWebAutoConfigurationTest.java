package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.security.Actor;
import io.leadreach.spring.internal.CampaignController;
import io.leadreach.spring.internal.ProblemDetails;
import io.leadreach.spring.internal.SendController;
import io.leadreach.spring.internal.TemplateController;
import io.leadreach.spring.internal.WebhookController;
import io.leadreach.testing.RecordingTransport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

class LeadReachWebAutoConfigurationTest {

    private static final AutoConfigurations ALL = AutoConfigurations.of(LeadReachWhatsAppAutoConfiguration.class,
            LeadReachAutoConfiguration.class, LeadReachWebAutoConfiguration.class,
            LeadReachSecurityAutoConfiguration.class, JacksonAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class,
            SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(ALL)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments");

    @Test
    void aServletApplicationGetsTheApiTheWebhookAndTheirSecurity() {
        web.run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(SendController.class)
                    .hasSingleBean(CampaignController.class)
                    .hasSingleBean(TemplateController.class)
                    .hasSingleBean(WebhookController.class)
                    .hasSingleBean(ProblemDetails.class)
                    .hasSingleBean(ActorResolver.class)
                    .hasSingleBean(WebhookEventHandler.class)
                    .hasBean("leadReachSecurityFilterChain");
            assertThat(context.getBean(WebhookEventHandler.class)).isInstanceOfSatisfying(
                    CoalescingWebhookEventHandler.class, h -> assertThat(h.appliers()).isEqualTo(2));
            // Boot's default chain for the rest of the host is kept beside the LeadReach one.
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSizeGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void theNumberOfWebhookAppliersIsAPropertyCheckedAtStartup() {
        web.withPropertyValues("leadreach.whatsapp.webhook-appliers=4").run(context ->
                assertThat(context.getBean(WebhookEventHandler.class)).isInstanceOfSatisfying(
                        CoalescingWebhookEventHandler.class, h -> assertThat(h.appliers()).isEqualTo(4)));
        web.withPropertyValues("leadreach.whatsapp.webhook-appliers=0").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.whatsapp.webhook-appliers")
                        .hasMessageContaining("must be between 1 and 64, got 0"));
    }

    @Test
    void theHostsResolverAndHandlerReplaceTheDefaults() {
        web.withUserConfiguration(HostWebBeans.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ActorResolver.class).hasSingleBean(WebhookEventHandler.class);
            assertThat(context.getBean(ActorResolver.class)).isSameAs(context.getBean("crmActors"));
            assertThat(context.getBean(WebhookEventHandler.class)).isSameAs(context.getBean("tracker"));
        });
    }

    @Test
    void withoutTheWhatsAppModuleThereIsNoWebhookEndpoint() {
        web.withClassLoader(new FilteredClassLoader(io.leadreach.whatsapp.CloudApiTransport.class,
                        io.leadreach.whatsapp.WebhookVerifier.class))
                .withUserConfiguration(TransportOnly.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(SendController.class)
                        .doesNotHaveBean(WebhookController.class));
    }

    @Test
    void aNonWebApplicationGetsNoControllers() {
        new ApplicationContextRunner().withConfiguration(ALL)
                .withPropertyValues("leadreach.attachments.directory=target/test-attachments")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(io.leadreach.LeadReach.class)
                        .doesNotHaveBean(SendController.class)
                        .doesNotHaveBean("leadReachSecurityFilterChain"));
    }

    @Configuration(proxyBeanMethods = false)
    static class HostWebBeans {
        @Bean
        ActorResolver crmActors() {
            return authentication -> Actor.of(authentication.getName());
        }

        @Bean
        WebhookEventHandler tracker() {
            return events -> { };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TransportOnly {
        @Bean
        RecordingTransport recordingTransport() {
            return new RecordingTransport();
        }
    }
}
