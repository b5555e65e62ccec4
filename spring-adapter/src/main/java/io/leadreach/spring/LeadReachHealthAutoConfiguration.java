package io.leadreach.spring;

import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The actuator health of LeadReach's WhatsApp transport ({@link LeadReachTransportHealthIndicator},
 * shown as {@code leadReachTransport}; off with {@code management.health.leadreach.enabled=false})
 * when Spring Boot's health support is on the class path.
 */
@AutoConfiguration(afterName = "io.leadreach.spring.LeadReachWhatsAppAutoConfiguration",
        beforeName = "io.leadreach.spring.LeadReachAutoConfiguration")
@ConditionalOnClass({HealthIndicator.class, CloudApiConfig.class})
@ConditionalOnEnabledHealthIndicator("leadreach")
public class LeadReachHealthAutoConfiguration {

    /** Remembers the transport's latest answers (an engine observer). */
    @Bean
    @ConditionalOnMissingBean
    public SendOutcomeRecorder leadReachSendOutcomeRecorder(ObjectProvider<Clock> clock) {
        return new SendOutcomeRecorder(clock.getIfAvailable(Clock::systemUTC));
    }

    /** The transport's health, when LeadReach has exactly one transport. */
    @Bean
    @ConditionalOnMissingBean(name = "leadReachTransportHealthIndicator")
    public HealthIndicator leadReachTransportHealthIndicator(ObjectProvider<WhatsAppTransport> transport,
                                                             ObjectProvider<CloudApiConfig> cloudApi,
                                                             ObjectProvider<WhatsAppCloudSimulator> simulator,
                                                             SendOutcomeRecorder outcomes) {
        WhatsAppTransport t = transport.getIfUnique();
        if (t == null) {
            return () -> org.springframework.boot.health.contributor.Health.unknown()
                    .withDetail("transport", "none or several WhatsAppTransport beans").build();
        }
        return new LeadReachTransportHealthIndicator(t, cloudApi.getIfUnique(), simulator.getIfUnique(), outcomes);
    }
}
