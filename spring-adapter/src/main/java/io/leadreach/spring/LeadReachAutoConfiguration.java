package io.leadreach.spring;

import io.leadreach.LeadReach;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.TemplateService;
import io.leadreach.analytics.AnalyticsConfig;
import io.leadreach.analytics.AnalyticsStore;
import io.leadreach.analytics.RateCard;
import io.leadreach.analytics.RateCardException;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.attachment.AttachmentStore;
import io.leadreach.attachment.ClamdVirusScanner;
import io.leadreach.attachment.FileSystemAttachmentStore;
import io.leadreach.attachment.VirusScanner;
import io.leadreach.automation.AutomationEngine;
import io.leadreach.automation.AutomationStore;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.history.MessageHistoryService;
import io.leadreach.lead.ConsentStore;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryConsentStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.memory.InMemoryTemplateStore;
import io.leadreach.message.MessageStore;
import io.leadreach.metrics.EngineObserver;
import io.leadreach.metrics.EngineObservers;
import io.leadreach.preview.PreviewConfig;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.RecurringJob;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.sending.SendingConfig;
import io.leadreach.sending.WorkQueue;
import io.leadreach.template.TemplateStore;
import io.leadreach.tracking.ConversationStore;
import io.leadreach.tracking.LeadActivitySink;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.Tracking;
import io.leadreach.tracking.TrackingConfig;
import io.leadreach.transport.WhatsAppTransport;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Assembles LeadReach from whatever port beans exist, with in-memory stores and a file-system
 * attachment store by default. The host's {@link LeadDirectory} bean is used when there is one
 * (otherwise an empty in-memory directory, with a warning); a {@link WhatsAppTransport} bean is
 * required (the WhatsApp auto-configuration provides one). Every bean backs off when the host
 * defines its own. {@link LeadReach} is closed when the context shuts down.
 */
@AutoConfiguration(afterName = "io.leadreach.spring.LeadReachWhatsAppAutoConfiguration")
@EnableConfigurationProperties(LeadReachProperties.class)
public class LeadReachAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LeadReachAutoConfiguration.class);

    /** The clock all LeadReach times come from. */
    @Bean
    @ConditionalOnMissingBean
    public Clock leadReachClock() {
        return Clock.systemUTC();
    }

    /** An empty in-memory directory when the host defines no {@link LeadDirectory}: good for demos only. */
    @Bean
    @ConditionalOnMissingBean
    public LeadDirectory leadReachLeadDirectory(LeadReachProperties properties) {
        log.warn("No LeadDirectory bean: LeadReach uses an empty in-memory lead directory. "
                + "Define a LeadDirectory bean over your CRM's leads.");
        PhoneNumbers phones = new PhoneNumbers(properties.getDefaultRegion().toUpperCase(java.util.Locale.ROOT));
        return new InMemoryLeadDirectory(raw -> phones.tryE164(raw).orElse(null));
    }

    /** The opt-out log (in memory unless the host defines one). */
    @Bean
    @ConditionalOnMissingBean
    public ConsentStore leadReachConsentStore() {
        return new InMemoryConsentStore();
    }

    /** The message log (in memory unless the host defines one). */
    @Bean
    @ConditionalOnMissingBean
    public MessageStore leadReachMessageStore() {
        return new InMemoryMessageStore();
    }

    /** Message templates (in memory unless the host defines one). */
    @Bean
    @ConditionalOnMissingBean
    public TemplateStore leadReachTemplateStore() {
        return new InMemoryTemplateStore();
    }

    /** Campaigns and their recipients (in memory unless the host defines one). */
    @Bean
    @ConditionalOnMissingBean
    public CampaignStore leadReachCampaignStore() {
        return new InMemoryCampaignStore();
    }

    /** Accepted attachments, on the file system under {@code leadreach.attachments.directory}. */
    @Bean
    @ConditionalOnMissingBean
    public AttachmentStore leadReachAttachmentStore(LeadReachProperties properties) {
        return new FileSystemAttachmentStore(Path.of(properties.getAttachments().getDirectory()));
    }

    /** Which attachments are accepted, from {@code leadreach.attachments.*}. */
    @Bean
    @ConditionalOnMissingBean
    public AttachmentPolicy leadReachAttachmentPolicy(LeadReachProperties properties) {
        return properties.toAttachmentPolicy();
    }

    /**
     * Scans attachments with clamd when {@code leadreach.attachments.clamd.enabled=true}, over
     * {@code .socket} or {@code .host}:{@code .port}; a {@link VirusScanner} bean of the host's
     * takes its place.
     */
    @Bean
    @ConditionalOnMissingBean(VirusScanner.class)
    @ConditionalOnProperty(prefix = "leadreach.attachments.clamd", name = "enabled", havingValue = "true")
    public ClamdVirusScanner leadReachVirusScanner(LeadReachProperties properties) {
        LeadReachProperties.Clamd clamd = properties.getAttachments().getClamd();
        ClamdVirusScanner scanner = new ClamdVirusScanner(clamd.toClamdConfig());
        log.info("Attachments are scanned by clamd at {} (timeout {}, {})", scanner.config().address(),
                scanner.config().timeout(), clamd.getMode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return scanner;
    }

    /** The engine's sending settings, from {@code leadreach.sending.*}, {@code .throttle.*} and {@code .retry.*}. */
    @Bean
    @ConditionalOnMissingBean
    public SendingConfig leadReachSendingConfig(LeadReachProperties properties) {
        return properties.toSendingConfig();
    }

    /** How webhook events are read, from {@code leadreach.tracking.*}. */
    @Bean
    @ConditionalOnMissingBean
    public TrackingConfig leadReachTrackingConfig(LeadReachProperties properties) {
        return properties.toTrackingConfig();
    }

    /** How analytics reads time and suggests send hours, from {@code leadreach.analytics.*}. */
    @Bean
    @ConditionalOnMissingBean
    public AnalyticsConfig leadReachAnalyticsConfig(LeadReachProperties properties) {
        return properties.toAnalyticsConfig();
    }

    /**
     * What campaign previews estimate with, from {@code leadreach.preview.*}; the rate card is read
     * once, at start-up, and a card that does not parse stops it with the line at fault.
     */
    @Bean
    @ConditionalOnMissingBean
    public PreviewConfig leadReachPreviewConfig(LeadReachProperties properties, ResourceLoader resources) {
        LeadReachProperties.Preview p = properties.getPreview();
        PreviewConfig config = PreviewConfig.ofDefaults().withMessagingLimit(p.getMessagingLimit())
                .withPaging(PreviewConfig.DEFAULT_PAGE_SIZE, p.getMaxScanned());
        if (p.getRateCard() == null) {
            return config;
        }
        Resource card = resources.getResource(p.getRateCard());
        try (Reader reader = new InputStreamReader(card.getInputStream(), StandardCharsets.UTF_8)) {
            return config.withRateCard(RateCard.parse(reader));
        } catch (IOException | RateCardException e) {
            throw new IllegalStateException("leadreach.preview.rate-card (" + p.getRateCard() + ") cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /**
     * LeadReach itself, closed with the context. Optional ports ({@link VirusScanner}, handled by
     * {@code leadreach.attachments.clamd.mode},
     * {@link RateLimiter}, {@link WorkQueue}, {@link ConversationStore}, {@link LeadActivitySink},
     * {@link AutomationStore}, {@link ReplyStore})
     * are used when the host defines them; otherwise the core's defaults (the conversation store in
     * memory, replies logged). An {@link EngineScheduler} bean (db-scheduler's, when there is a
     * DataSource) runs campaign ticks and recurring jobs, with every {@link RecurringJob} bean among
     * them; every {@link EngineObserver} bean (metrics, health) hears sends and webhook events.
     */
    @Bean
    @ConditionalOnMissingBean
    public LeadReach leadReach(LeadReachProperties properties, Clock clock, SendingConfig sending,
                               ObjectProvider<WhatsAppTransport> transport, LeadDirectory leads,
                               ConsentStore consent, MessageStore messages, TemplateStore templates,
                               CampaignStore campaigns, AttachmentStore attachments, AttachmentPolicy policy,
                               ObjectProvider<VirusScanner> virusScanner, ObjectProvider<RateLimiter> rateLimiter,
                               ObjectProvider<WorkQueue> workQueue, TrackingConfig tracking,
                               ObjectProvider<ConversationStore> conversations,
                               ObjectProvider<AnalyticsStore> analyticsStore,
                               ObjectProvider<LeadActivitySink> activitySink,
                               ObjectProvider<AnalyticsConfig> analyticsConfig,
                               ObjectProvider<PreviewConfig> previewConfig,
                               ObjectProvider<AutomationStore> automationStore,
                               ObjectProvider<ReplyStore> replyStore,
                               ObjectProvider<EngineScheduler> scheduler,
                               ObjectProvider<EngineObserver> observers,
                               ObjectProvider<RecurringJob> recurringJobs,
                               ObjectProvider<SenderNumbers> senderNumbers) {
        WhatsAppTransport t = transport.getIfUnique();
        if (t == null) {
            throw new IllegalStateException("LeadReach needs one WhatsAppTransport bean: add "
                    + "leadreach-transport-whatsapp (leadreach.whatsapp.mode=sandbox or cloud-api) or define one");
        }
        LeadReach.Builder b = LeadReach.builder()
                .clock(clock).sending(sending).transport(t).leadDirectory(leads).consentStore(consent)
                .messageStore(messages).templateStore(templates).campaignStore(campaigns)
                .attachmentStore(attachments).attachmentPolicy(policy).tracking(tracking)
                .defaultRegion(properties.getDefaultRegion().toUpperCase(java.util.Locale.ROOT));
        senderNumbers.ifAvailable(numbers -> b.senderNumbers(numbers.all()));
        virusScanner.ifAvailable(b::virusScanner);
        b.virusScanMode(properties.getAttachments().getClamd().getMode());
        rateLimiter.ifAvailable(b::rateLimiter);
        workQueue.ifAvailable(b::workQueue);
        conversations.ifAvailable(b::conversationStore);
        analyticsStore.ifAvailable(b::analyticsStore);
        if (properties.getAutomation().isEnabled()) {
            b.automationInterval(properties.getAutomation().getInterval());
        }
        if (properties.getSending().getInDoubtReconcileAfter() != null) {
            b.inDoubtReconcileAfter(properties.getSending().getInDoubtReconcileAfter());
        }
        activitySink.ifAvailable(b::leadActivitySink);
        analyticsConfig.ifAvailable(b::analytics);
        previewConfig.ifAvailable(b::preview);
        automationStore.ifAvailable(b::automationStore);
        replyStore.ifAvailable(b::replyStore);
        scheduler.ifAvailable(b::scheduler);
        b.observer(EngineObservers.composite(observers.orderedStream().toList()));
        recurringJobs.orderedStream().forEach(b::recurringJob);
        return b.build();
    }

    /** The operations a CRM calls, from {@link LeadReach#service()}. */
    @Bean
    @ConditionalOnMissingBean
    public LeadWhatsAppService leadWhatsAppService(LeadReach leadReach) {
        return leadReach.service();
    }

    /** The template library, from {@link LeadReach#templates()}. */
    @Bean
    @ConditionalOnMissingBean
    public TemplateService leadReachTemplateService(LeadReach leadReach) {
        return leadReach.templates();
    }

    /** Applies webhook events to messages, campaigns and consent, from {@link LeadReach#tracker()}. */
    @Bean
    @ConditionalOnMissingBean
    public Tracking leadReachDeliveryTracker(LeadReach leadReach) {
        return leadReach.tracker();
    }

    /** Recipients, the message log, replies, a lead's timeline and attachments, from {@link LeadReach#history()}. */
    @Bean
    @ConditionalOnMissingBean
    public MessageHistoryService leadReachMessageHistoryService(LeadReach leadReach) {
        return leadReach.history();
    }

    /** Follow-up automation rules and runs, from {@link LeadReach#automation()}. */
    @Bean
    @ConditionalOnMissingBean
    public AutomationEngine leadReachAutomationEngine(LeadReach leadReach) {
        return leadReach.automation();
    }
}
