package io.leadreach.spring;

import io.leadreach.LeadReach;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.TemplateService;
import io.leadreach.analytics.AnalyticsService;
import io.leadreach.automation.AutomationEngine;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.history.MessageHistoryService;
import io.leadreach.internal.Access;
import io.leadreach.preview.CampaignPreviewService;
import io.leadreach.spring.internal.Actors;
import io.leadreach.spring.internal.AnalyticsController;
import io.leadreach.spring.internal.AutomationRuleController;
import io.leadreach.spring.internal.CampaignController;
import io.leadreach.spring.internal.CampaignPreviewController;
import io.leadreach.spring.internal.ConsoleController;
import io.leadreach.spring.internal.HistoryController;
import io.leadreach.spring.internal.ProblemDetails;
import io.leadreach.spring.internal.RoutingProblems;
import io.leadreach.spring.internal.SendController;
import io.leadreach.spring.internal.SenderNumberController;
import io.leadreach.spring.internal.SseStreams;
import io.leadreach.spring.internal.TemplateController;
import io.leadreach.spring.internal.WebhookController;
import io.leadreach.tracking.Tracking;
import io.leadreach.tracking.TrackingEvent;
import io.leadreach.whatsapp.WebhookParser;
import io.leadreach.whatsapp.WebhookVerifier;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The REST API of DESIGN.md's routes (sends, bulk jobs, campaigns, the CSV report, campaign
 * previews, the analytics dashboard, the template library, and the console's reads and helpers:
 * recipients, figures stream, message log, replies, tracking counters, a lead's timeline and
 * attachments, lead-list upload, test send, bulk-send check) and the WhatsApp webhook endpoint, whose events go to the delivery tracker by default,
 * in a servlet web application. Errors are RFC 9457 problems. The acting user comes from Spring Security's authenticated principal through {@link ActorResolver}.
 */
@AutoConfiguration(after = {LeadReachAutoConfiguration.class, LeadReachWhatsAppAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, Authentication.class})
@ConditionalOnBean(LeadWhatsAppService.class)
public class LeadReachWebAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LeadReachWebAutoConfiguration.class);

    /** Principal name as actor id, authorities by their names. */
    @Bean
    @ConditionalOnMissingBean
    public ActorResolver leadReachActorResolver() {
        return ActorResolver.byAuthorityNames();
    }

    /** The current request's actor. */
    @Bean
    @ConditionalOnMissingBean
    public Actors leadReachActors(ActorResolver resolver) {
        return new Actors(resolver);
    }

    /** The server-sent event streams of bulk jobs and campaign figures: at most 200 open, 30 minutes each. */
    @Bean
    @ConditionalOnMissingBean
    public SseStreams leadReachSseStreams() {
        return new SseStreams();
    }

    /**
     * Reads the URL-encoded form of a bulk send, so that up to the bulk cap of repeated
     * {@code lead_ids[]} pass the container's parameter limit on that route only; ahead of Spring
     * Security's filters.
     */
    @Bean
    @ConditionalOnMissingBean(name = "leadReachBulkSendFormFilter")
    public org.springframework.boot.web.servlet.FilterRegistrationBean<io.leadreach.spring.internal.BulkSendFormFilter>
            leadReachBulkSendFormFilter() {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new io.leadreach.spring.internal.BulkSendFormFilter());
        registration.addUrlPatterns(io.leadreach.spring.internal.Routes.BULK_SEND);
        registration.setOrder(-200); // Spring Security's chain is at -100
        return registration;
    }

    /** Single and bulk sends, bulk jobs. */
    @Bean
    @ConditionalOnMissingBean
    public SendController leadReachSendController(LeadWhatsAppService service, Actors actors, SseStreams streams) {
        return new SendController(service, actors, streams);
    }

    /**
     * Whose phone a test send goes to: {@code leadreach.ui.test-recipients.<user name>} by default;
     * define a bean of your own to look the number up elsewhere.
     */
    @Bean
    @ConditionalOnMissingBean
    public TestRecipientResolver leadReachTestRecipientResolver(LeadReachProperties properties) {
        return TestRecipientResolver.fromMap(properties.getUi().getTestRecipients());
    }

    /** Campaign figures stream, lead-list upload, test send and bulk-send check. */
    @Bean
    @ConditionalOnMissingBean
    public ConsoleController leadReachConsoleController(LeadWhatsAppService service,
                                                        ObjectProvider<CampaignPreviewService> previews,
                                                        LeadReach leadReach, TestRecipientResolver testRecipients,
                                                        SseStreams streams, Actors actors) {
        return new ConsoleController(service, previews.getIfUnique(leadReach::preview), testRecipients, streams,
                actors);
    }

    /** Recipients, message log, replies, tracking counters, a lead's timeline and attachments. */
    @Bean
    @ConditionalOnMissingBean
    public HistoryController leadReachHistoryController(ObjectProvider<MessageHistoryService> history,
                                                        ObjectProvider<Tracking> tracker,
                                                        LeadReach leadReach, Actors actors) {
        return new HistoryController(history.getIfUnique(leadReach::history), tracker.getIfUnique(leadReach::tracker),
                actors);
    }

    /** The template library's CRUD routes. */
    @Bean
    @ConditionalOnBean(TemplateService.class)
    @ConditionalOnMissingBean
    public TemplateController leadReachTemplateController(TemplateService templates, Actors actors) {
        return new TemplateController(templates, actors);
    }

    /** Follow-up automation rules. */
    @Bean
    @ConditionalOnBean(AutomationEngine.class)
    @ConditionalOnMissingBean
    public AutomationRuleController leadReachAutomationRuleController(AutomationEngine automation, Actors actors,
                                                                      Clock clock) {
        return new AutomationRuleController(automation, actors, clock);
    }

        /** Campaigns and their report. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignController leadReachCampaignController(LeadWhatsAppService service, CampaignStore campaigns,
                                                          Actors actors) {
        return new CampaignController(service, campaigns, actors);
    }

    /** The engine's sender numbers, read-only. */
    @Bean
    @ConditionalOnMissingBean
    public SenderNumberController leadReachSenderNumberController(LeadReach leadReach, Actors actors) {
        return new SenderNumberController(Access.wiring(leadReach).senders(), actors);
    }

    /** Campaign previews, over the host's {@link CampaignPreviewService} bean or {@link LeadReach#preview()}. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignPreviewController leadReachCampaignPreviewController(ObjectProvider<CampaignPreviewService> previews,
                                                                        LeadReach leadReach, Actors actors) {
        return new CampaignPreviewController(previews.getIfUnique(leadReach::preview), actors);
    }

    /**
     * The analytics dashboard, over the host's {@link AnalyticsService} bean or
     * {@link LeadReach#analytics()} (answered 501 when that has no analytics store).
     */
    @Bean
    @ConditionalOnMissingBean
    public AnalyticsController leadReachAnalyticsController(ObjectProvider<AnalyticsService> analytics,
                                                            LeadReach leadReach, Clock clock, Actors actors) {
        return new AnalyticsController(() -> analytics.getIfUnique(leadReach::analytics), clock, actors);
    }

    /** Errors of the LeadReach controllers as problem details. */
    @Bean
    @ConditionalOnMissingBean
    public ProblemDetails leadReachProblemDetails() {
        return new ProblemDetails();
    }

    /** Failures before a LeadReach controller is chosen (415, 405, 413, ...) as problem details. */
    @Bean
    @ConditionalOnMissingBean
    public RoutingProblems leadReachRoutingProblems(ProblemDetails problems) {
        return new RoutingProblems(problems);
    }

    /** The webhook endpoint, when the WhatsApp transport's verifier and parser exist. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebhookVerifier.class)
    static class Webhook {

        /**
         * The default handler: applies each delivery's events with the {@link Tracking}
         * (statuses, replies, opt-outs) before the endpoint answers, concurrent deliveries' events
         * together (a group commit: one {@link Tracking#apply(List)} of up to 1,000 events, by
         * {@code leadreach.whatsapp.webhook-appliers} appliers (2 by default) that share the events
         * out by number, at most 2,048 deliveries waiting for each, see
         * {@link CoalescingWebhookEventHandler}); only logs them when there is no tracker.
         */
        @Bean
        @ConditionalOnMissingBean
        WebhookEventHandler leadReachWebhookEventHandler(ObjectProvider<Tracking> tracker,
                                                         ObjectProvider<LeadReachProperties> properties) {
            Tracking t = tracker.getIfUnique();
            int appliers = properties.getIfAvailable(LeadReachProperties::new).getWhatsapp().getWebhookAppliers();
            return t == null ? new LoggingWebhookEventHandler()
                    : new CoalescingWebhookEventHandler(t::apply, appliers, 2_048, 1_000, 5_000);
        }

        @Bean
        @ConditionalOnBean({WebhookVerifier.class, WebhookParser.class})
        @ConditionalOnMissingBean
        WebhookController leadReachWebhookController(WebhookVerifier verifier, WebhookParser parser,
                                                     WebhookEventHandler handler) {
            return new WebhookController(verifier, parser, handler);
        }
    }

    /** Logs events; what the starter does with webhook events when there is no delivery tracker. */
    static final class LoggingWebhookEventHandler implements WebhookEventHandler {
        @Override
        public void handle(List<TrackingEvent> events) {
            log.info("WhatsApp webhook: {} event(s) received; no Tracking bean to apply them",
                    events.size());
            if (log.isDebugEnabled()) {
                events.forEach(e -> log.debug("  {}", e));
            }
        }
    }
}
