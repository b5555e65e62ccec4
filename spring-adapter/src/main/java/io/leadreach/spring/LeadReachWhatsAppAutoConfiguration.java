package io.leadreach.spring;

import io.leadreach.sending.SenderNumbers;
import io.leadreach.transport.SenderRoutingTransport;
import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.WebhookParser;
import io.leadreach.whatsapp.WebhookVerifier;
import io.leadreach.whatsapp.simulator.SimulatorBuilder;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The WhatsApp Cloud API transport, when {@code leadreach-transport-whatsapp} is on the class path.
 * In {@code leadreach.whatsapp.mode=sandbox} (the default) a {@link WhatsAppCloudSimulator} is
 * started in-process and the client talks to it; in {@code cloud-api} mode the client talks to
 * Meta with the configured phone number id and access token. The webhook verifier and parser are
 * offered when an app secret is known (always in sandbox mode). Each bean backs off when the host
 * defines its own, and no transport is made when the host defines any {@link WhatsAppTransport}.
 */
@AutoConfiguration
@ConditionalOnClass(CloudApiTransport.class)
@EnableConfigurationProperties(LeadReachProperties.class)
public class LeadReachWhatsAppAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LeadReachWhatsAppAutoConfiguration.class);

    /** The simulator and a client configuration pointing at it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "leadreach.whatsapp", name = "mode", havingValue = "sandbox", matchIfMissing = true)
    static class Sandbox {

        /**
         * A Cloud API simulator on an ephemeral loopback port, stopped with the context; it serves
         * each of {@code leadreach.whatsapp.numbers} when they are given.
         */
        @Bean
        @ConditionalOnMissingBean
        WhatsAppCloudSimulator leadReachWhatsAppSimulator(LeadReachProperties properties) {
            SimulatorBuilder builder = WhatsAppCloudSimulator.builder().serviceWindowEnforced(false);
            List<LeadReachProperties.WhatsAppNumber> numbers = properties.getWhatsapp().getNumbers();
            for (int i = 0; i < numbers.size(); i++) {
                LeadReachProperties.WhatsAppNumber n = numbers.get(i);
                String display = n.getDisplayNumber() != null ? n.getDisplayNumber() : "+1 555 010 " + (1000 + i);
                if (i == 0) {
                    builder.phoneNumberId(n.getPhoneNumberId().strip());
                } else {
                    builder.number(n.getPhoneNumberId().strip(), display, sandboxSecret(n));
                }
            }
            WhatsAppCloudSimulator simulator = builder.start();
            log.info("LeadReach sandbox: WhatsApp Cloud API simulator at {} (nothing leaves this machine)",
                    simulator.baseUrl());
            return simulator;
        }

        /** The client configuration of the simulator, with the pool size and timeouts of the properties. */
        @Bean
        @ConditionalOnMissingBean
        CloudApiConfig leadReachCloudApiConfig(WhatsAppCloudSimulator simulator, LeadReachProperties properties) {
            LeadReachProperties.WhatsApp w = properties.getWhatsapp();
            return w.withClientSettings(simulator.clientConfig()).build();
        }

        /** Each configured number's client configuration on the simulator, when several are given. */
        @Bean
        @ConditionalOnMissingBean
        @Conditional(NumbersGiven.class)
        LeadReachWhatsAppNumbers leadReachWhatsAppNumbers(WhatsAppCloudSimulator simulator, LeadReachProperties properties) {
            LeadReachProperties.WhatsApp w = properties.getWhatsapp();
            List<CloudApiConfig> configs = new ArrayList<>();
            for (LeadReachProperties.WhatsAppNumber n : w.getNumbers()) {
                configs.add(w.withClientSettings(simulator.clientConfig(n.getPhoneNumberId().strip())).build());
            }
            return LeadReachWhatsAppNumbers.of(w, configs);
        }

        /** The simulator signs a number's webhooks with its configured app secret, or with the simulator's own. */
        private static String sandboxSecret(LeadReachProperties.WhatsAppNumber n) {
            return n.getAppSecret() != null && !n.getAppSecret().isBlank() ? n.getAppSecret()
                    : WhatsAppCloudSimulator.DEFAULT_APP_SECRET;
        }
    }

    /** The client configuration of Meta's Cloud API, from {@code leadreach.whatsapp.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "leadreach.whatsapp", name = "mode", havingValue = "cloud-api")
    static class CloudApi {

        /** The default number's configuration: the short form's, or the first of {@code numbers}. */
        @Bean
        @ConditionalOnMissingBean
        CloudApiConfig leadReachCloudApiConfig(LeadReachProperties properties) {
            LeadReachProperties.WhatsApp w = properties.getWhatsapp();
            return w.withClientSettings(w.hasNumbers() ? w.numberCredentials(w.getNumbers().get(0))
                    : w.cloudApiCredentials()).build();
        }

        /** Each configured number's client configuration, when several are given. */
        @Bean
        @ConditionalOnMissingBean
        @Conditional(NumbersGiven.class)
        LeadReachWhatsAppNumbers leadReachWhatsAppNumbers(LeadReachProperties properties) {
            LeadReachProperties.WhatsApp w = properties.getWhatsapp();
            List<CloudApiConfig> configs = new ArrayList<>();
            for (LeadReachProperties.WhatsAppNumber n : w.getNumbers()) {
                configs.add(w.withClientSettings(w.numberCredentials(n)).build());
            }
            return LeadReachWhatsAppNumbers.of(w, configs);
        }
    }

    /** The engine's sender numbers, when several are configured ({@code leadreach.whatsapp.numbers}). */
    @Bean
    @ConditionalOnBean(LeadReachWhatsAppNumbers.class)
    @ConditionalOnMissingBean
    public SenderNumbers leadReachSenderNumbers(LeadReachWhatsAppNumbers numbers) {
        return numbers.senders();
    }

    /**
     * The Cloud API client, unless the host defines its own transport; with several numbers, one
     * client a number behind a {@link SenderRoutingTransport}. Closed with the context.
     */
    @Bean
    @ConditionalOnBean(CloudApiConfig.class)
    @ConditionalOnMissingBean(WhatsAppTransport.class)
    public WhatsAppTransport leadReachCloudApiTransport(CloudApiConfig config,
                                                        ObjectProvider<LeadReachWhatsAppNumbers> numbers) {
        LeadReachWhatsAppNumbers several = numbers.getIfAvailable();
        if (several == null) {
            return CloudApiTransport.create(config);
        }
        return SenderRoutingTransport.of(several.configs().stream().map(CloudApiTransport::create).toList());
    }

    /**
     * Checks webhook signatures and the verification handshake; only when an app secret is
     * configured. With several numbers, each webhook is checked with the secret of the number it names.
     */
    @Bean
    @ConditionalOnBean(CloudApiConfig.class)
    @ConditionalOnMissingBean
    public WebhookVerifier leadReachWebhookVerifier(CloudApiConfig config,
                                                    ObjectProvider<LeadReachWhatsAppNumbers> numbers) {
        LeadReachWhatsAppNumbers several = numbers.getIfAvailable();
        if (several != null && several.configs().stream().allMatch(c -> c.appSecret() != null)) {
            return WebhookVerifier.forNumbers(several.configs());
        }
        if (several != null) {
            log.info("A number of leadreach.whatsapp.numbers has no app secret: webhook deliveries will be refused");
            return new WebhookVerifier(RandomSecret.next(), null);
        }
        if (config.appSecret() == null) {
            log.info("No leadreach.whatsapp.app-secret: webhook deliveries will be refused");
        }
        return config.appSecret() == null ? new WebhookVerifier(RandomSecret.next(), null) : WebhookVerifier.of(config);
    }

    /** Parses webhook bodies into core tracking events. */
    @Bean
    @ConditionalOnBean(CloudApiConfig.class)
    @ConditionalOnMissingBean
    public WebhookParser leadReachWebhookParser(CloudApiConfig config, ObjectProvider<Clock> clock) {
        return new WebhookParser(config.maxWebhookBodySize(), clock.getIfAvailable(Clock::systemUTC));
    }

    /** Whether {@code leadreach.whatsapp.numbers} names at least one number. */
    static final class NumbersGiven extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean given = Binder.get(context.getEnvironment())
                    .bind("leadreach.whatsapp.numbers", Bindable.listOf(LeadReachProperties.WhatsAppNumber.class))
                    .map(l -> !l.isEmpty()).orElse(false);
            return given ? ConditionOutcome.match("leadreach.whatsapp.numbers is given")
                    : ConditionOutcome.noMatch("leadreach.whatsapp.numbers is not given");
        }
    }

    /** A secret nobody knows, so that a verifier without a configured app secret refuses every delivery. */
    private static final class RandomSecret {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        static String next() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
