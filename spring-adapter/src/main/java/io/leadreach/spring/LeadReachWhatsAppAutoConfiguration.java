package io.leadreach.spring;

import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.WebhookParser;
import io.leadreach.whatsapp.WebhookVerifier;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

        /** A Cloud API simulator on an ephemeral loopback port, stopped with the context. */
        @Bean
        @ConditionalOnMissingBean
        WhatsAppCloudSimulator leadReachWhatsAppSimulator() {
            WhatsAppCloudSimulator simulator = WhatsAppCloudSimulator.builder().serviceWindowEnforced(false).start();
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
    }

    /** The client configuration of Meta's Cloud API, from {@code leadreach.whatsapp.*}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "leadreach.whatsapp", name = "mode", havingValue = "cloud-api")
    static class CloudApi {

        @Bean
        @ConditionalOnMissingBean
        CloudApiConfig leadReachCloudApiConfig(LeadReachProperties properties) {
            LeadReachProperties.WhatsApp w = properties.getWhatsapp();
            return w.withClientSettings(w.cloudApiCredentials()).build();
        }
    }

    /** The Cloud API client, unless the host defines its own transport. Closed with the context. */
    @Bean
    @ConditionalOnBean(CloudApiConfig.class)
    @ConditionalOnMissingBean(WhatsAppTransport.class)
    public CloudApiTransport leadReachCloudApiTransport(CloudApiConfig config) {
        return CloudApiTransport.create(config);
    }

    /** Checks webhook signatures and the verification handshake; only when an app secret is configured. */
    @Bean
    @ConditionalOnBean(CloudApiConfig.class)
    @ConditionalOnMissingBean
    public WebhookVerifier leadReachWebhookVerifier(CloudApiConfig config) {
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
