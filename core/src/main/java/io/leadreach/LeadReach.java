package io.leadreach;

import io.leadreach.analytics.AnalyticsConfig;
import io.leadreach.analytics.AnalyticsService;
import io.leadreach.analytics.AnalyticsStore;
import io.leadreach.attachment.AttachmentIntake;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.attachment.AttachmentStore;
import io.leadreach.attachment.FileSystemAttachmentStore;
import io.leadreach.attachment.ScanMode;
import io.leadreach.attachment.VirusScanner;
import io.leadreach.automation.AutomationEngine;
import io.leadreach.automation.AutomationStore;
import io.leadreach.campaign.CampaignRunner;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.history.MessageHistoryService;
import io.leadreach.internal.Access;
import io.leadreach.internal.DefaultAutomationEngine;
import io.leadreach.internal.DefaultCampaignPreviewService;
import io.leadreach.internal.DefaultLeadWhatsAppService;
import io.leadreach.internal.DefaultMessageHistoryService;
import io.leadreach.internal.DefaultTemplateService;
import io.leadreach.internal.ExecutorWorkQueue;
import io.leadreach.internal.LeadVariables;
import io.leadreach.internal.TemplateCategories;
import io.leadreach.internal.Wiring;
import io.leadreach.lead.ConsentStore;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.OptOuts;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.memory.InMemoryAnalyticsStore;
import io.leadreach.memory.InMemoryAutomationStore;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryConsentStore;
import io.leadreach.memory.InMemoryConversationStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.memory.InMemoryReplyStore;
import io.leadreach.memory.InMemoryTemplateStore;
import io.leadreach.message.MessageStore;
import io.leadreach.metrics.EngineObserver;
import io.leadreach.preview.CampaignPreviewService;
import io.leadreach.preview.PreviewConfig;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.RecurringJob;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.sending.SendingConfig;
import io.leadreach.sending.WorkQueue;
import io.leadreach.sending.WorkQueueScheduler;
import io.leadreach.template.TemplateRenderer;
import io.leadreach.template.TemplateStore;
import io.leadreach.tracking.ConversationStore;
import io.leadreach.tracking.LeadActivitySink;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.Tracking;
import io.leadreach.tracking.TrackingConfig;
import io.leadreach.transport.SenderRoutingTransport;
import io.leadreach.transport.WhatsAppTransport;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The entry point: assembles LeadReach from ports, with in-memory defaults for everything but the
 * transport.
 *
 * <pre>{@code
 * try (LeadReach leadReach = LeadReach.builder()
 *         .transport(myTransport)
 *         .leadDirectory(myCrmLeads)
 *         .build()) {
 *     leadReach.service().sendSingleMessage(actor, 42L, "Hi {name}!", null);
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the engine's background work (and the default work queue).
 */
public final class LeadReach implements AutoCloseable {

    /** The name of the recurring automation run set up by {@link Builder#automationInterval}. */
    public static final String AUTOMATION_JOB = "leadreach-automation";
    /** The name of the recurring job that reconciles old doubts ({@link Builder#inDoubtReconcileAfter}). */
    public static final String IN_DOUBT_RECONCILE_JOB = "leadreach-in-doubt-reconcile";

    static {
        Access.register((Access.OfLeadReach) lr -> lr.engine);
    }

    private final Wiring engine;
    private final OptOuts consent;
    private final CampaignRunner runner;
    private final LeadWhatsAppService service;
    private final Tracking tracker;
    private final TemplateService templates;
    private final boolean ownsWorkQueue;
    private final AnalyticsService analytics;
    private final CampaignPreviewService preview;
    private final AutomationEngine automation;
    private final MessageHistoryService history;

    private LeadReach(Wiring engine, CampaignRunner runner, LeadWhatsAppService service, Tracking tracker,
                      TemplateService templates, boolean ownsWorkQueue, AnalyticsService analytics,
                      CampaignPreviewService preview, AutomationEngine automation, MessageHistoryService history) {
        this.automation = automation;
        this.history = history;
        this.analytics = analytics;
        this.preview = preview;
        this.engine = engine;
        this.consent = optOuts(engine.consent(), engine.clock());
        this.runner = runner;
        this.service = service;
        this.tracker = tracker;
        this.templates = templates;
        this.ownsWorkQueue = ownsWorkQueue;
    }

    private static OptOuts optOuts(ConsentStore store, Clock clock) {
        return new OptOuts() {
            @Override
            public boolean isOptedOut(String e164) {
                return store.isOptedOut(e164);
            }

            @Override
            public Optional<ConsentStore.Consent> find(String e164) {
                return store.find(e164);
            }

            @Override
            public void optOut(String e164, String source) {
                store.optOut(e164, source, clock.instant());
            }

            @Override
            public void optIn(String e164, String source) {
                store.optIn(e164, source, clock.instant());
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The operations a CRM calls. */
    public LeadWhatsAppService service() {
        return service;
    }

    /** The template library. */
    public TemplateService templates() {
        return templates;
    }

    /** The campaign engine (to settle sends from status events, or to drive it by hand in tests). */
    public CampaignRunner runner() {
        return runner;
    }

    /**
     * Where status events, inbound messages and consent changes go: a webhook endpoint hands what
     * it parsed to {@link Tracking#apply(java.util.List)}.
     */
    public Tracking tracker() {
        return tracker;
    }

    /**
     * Dashboard analytics. Available when an {@link AnalyticsStore} was given to the builder, or
     * when the message store is the in-memory one (then an {@link InMemoryAnalyticsStore} is used).
     *
     * @throws IllegalStateException with a custom message store and no analytics store
     */
    public AnalyticsService analytics() {
        if (analytics == null) {
            throw new IllegalStateException("analytics needs an AnalyticsStore beside a custom MessageStore: "
                    + "LeadReach.builder().analyticsStore(...)");
        }
        return analytics;
    }

    /**
     * Follow-up automation: rule management, {@link AutomationEngine#runDue} (call it periodically)
     * and {@link AutomationEngine#leadStatusChanged} (call it when a lead's status changes).
     */
    public AutomationEngine automation() {
        return automation;
    }

    /**
     * What was sent and received: campaign recipients page by page, the message log, replies, a
     * lead's timeline and attachments (reads only).
     */
    public MessageHistoryService history() {
        return history;
    }

    /** Campaign previews: matching count, a rendered sample, skips by reason, duration and cost estimates. */
    public CampaignPreviewService preview() {
        return preview;
    }

    /** Who opted out of WhatsApp messages: queries, and opt-outs or opt-ins the host records. */
    public OptOuts consent() {
        return consent;
    }

    /** The sending settings the engine runs by (batch sizes, bulk limits, pacing, windows). */
    public SendingConfig sending() {
        return engine.config();
    }

    /**
     * Stops the engine's background work: the runner, then the {@link EngineScheduler} (the engine
     * started it, so it closes it, a given one too), then the default work queue.
     */
    @Override
    public void close() {
        runner.close();
        engine.scheduler().close();
        if (ownsWorkQueue) {
            engine.workQueue().close();
        }
    }

    /** Builds {@link LeadReach}; only the transport is required. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private WhatsAppTransport transport;
        private List<SenderNumber> senderNumbers = List.of();
        private LeadDirectory leadDirectory;
        private ConsentStore consentStore;
        private ConversationStore conversationStore;
        private LeadActivitySink activitySink = LeadActivitySink.LOGGING;
        private TrackingConfig tracking = TrackingConfig.ofDefaults();
        private MessageStore messageStore;
        private TemplateStore templateStore;
        private CampaignStore campaignStore;
        private AttachmentStore attachmentStore;
        private AttachmentPolicy attachmentPolicy = AttachmentPolicy.ofDefaults();
        private VirusScanner virusScanner = VirusScanner.NONE;
        private ScanMode virusScanMode = ScanMode.REQUIRED;
        private RateLimiter rateLimiter;
        private WorkQueue workQueue;
        private SendingConfig sending = SendingConfig.ofDefaults();
        private String defaultRegion = "US";
        private String nodeId;
        private boolean autoStart = true;
        private AnalyticsStore analyticsStore;
        private AnalyticsConfig analyticsConfig = AnalyticsConfig.ofDefaults();
        private PreviewConfig previewConfig = PreviewConfig.ofDefaults();
        private AutomationStore automationStore;
        private ReplyStore replyStore;
        private Duration automationInterval;
        private EngineScheduler scheduler;
        private EngineObserver observer = EngineObserver.NOOP;
        private final List<RecurringJob> recurringJobs = new ArrayList<>();
        private Duration inDoubtReconcileAfter;

        /** The clock all times come from (default: the system clock, UTC). */
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v, "clock"); return this; }

        /** The WhatsApp provider to send through (required). */
        public Builder transport(WhatsAppTransport v) { transport = Objects.requireNonNull(v, "transport"); return this; }

        /** The host CRM's leads (default: an empty in-memory directory). */
        public Builder leadDirectory(LeadDirectory v) { leadDirectory = Objects.requireNonNull(v, "leadDirectory"); return this; }

        public Builder consentStore(ConsentStore v) { consentStore = Objects.requireNonNull(v, "consentStore"); return this; }

        /** When each number last wrote in (default: in memory). */
        public Builder conversationStore(ConversationStore v) { conversationStore = Objects.requireNonNull(v, "conversationStore"); return this; }

        /** Where replies are handed to the host (default: logged at debug level). */
        public Builder leadActivitySink(LeadActivitySink v) { activitySink = Objects.requireNonNull(v, "leadActivitySink"); return this; }

        /** Consent keywords, reply attribution and stale-event settings of the tracker. */
        public Builder tracking(TrackingConfig v) { tracking = Objects.requireNonNull(v, "tracking"); return this; }

        public Builder messageStore(MessageStore v) { messageStore = Objects.requireNonNull(v, "messageStore"); return this; }

        public Builder templateStore(TemplateStore v) { templateStore = Objects.requireNonNull(v, "templateStore"); return this; }

        public Builder campaignStore(CampaignStore v) { campaignStore = Objects.requireNonNull(v, "campaignStore"); return this; }

        /** Where accepted attachments are kept (default: the file system under {@code lead-whatsapp-attachments/}). */
        public Builder attachmentStore(AttachmentStore v) { attachmentStore = Objects.requireNonNull(v, "attachmentStore"); return this; }

        public Builder attachmentPolicy(AttachmentPolicy v) { attachmentPolicy = Objects.requireNonNull(v, "attachmentPolicy"); return this; }

        /** The virus scanner attachments pass (default: none). */
        public Builder virusScanner(VirusScanner v) { virusScanner = Objects.requireNonNull(v, "virusScanner"); return this; }

        /**
         * What happens to an attachment the virus scanner could not scan (scanner down, file larger
         * than it accepts): refused ({@link ScanMode#REQUIRED}, the default) or accepted with a
         * warning ({@link ScanMode#BEST_EFFORT}). An infected file is refused in either mode.
         */
        public Builder virusScanMode(ScanMode v) { virusScanMode = Objects.requireNonNull(v, "virusScanMode"); return this; }

        /** The rate limiter (default: token buckets in this JVM; use a shared one across nodes). */
        /**
         * The business numbers the engine sends from; the first is the default (single, bulk and
         * test sends, and campaigns that name no number). Default: one number, the transport's
         * {@link WhatsAppTransport#senderId()}, at the engine's sender rate. With several numbers the
         * transport is usually a {@link io.leadreach.transport.SenderRoutingTransport}, which must
         * route every number given here.
         */
        public Builder senderNumbers(List<SenderNumber> v) {
            senderNumbers = List.copyOf(Objects.requireNonNull(v, "senderNumbers"));
            return this;
        }

        /** The business numbers the engine sends from; see {@link #senderNumbers(List)}. */
        public Builder senderNumbers(SenderNumber... v) {
            return senderNumbers(List.of(v));
        }

        public Builder rateLimiter(RateLimiter v) { rateLimiter = Objects.requireNonNull(v, "rateLimiter"); return this; }

        /** Where background work runs (default: a small thread pool, closed with {@link LeadReach#close()}). */
        public Builder workQueue(WorkQueue v) { workQueue = Objects.requireNonNull(v, "workQueue"); return this; }

        public Builder sending(SendingConfig v) { sending = Objects.requireNonNull(v, "sending"); return this; }

        /** The ISO region for numbers written without a country code (default {@code US}). */
        public Builder defaultRegion(String v) { defaultRegion = Objects.requireNonNull(v, "defaultRegion"); return this; }

        /** This node's id, under which it claims recipients (default: unique per process). */
        public Builder nodeId(String v) { nodeId = Objects.requireNonNull(v, "nodeId"); return this; }

        /** Whether {@link #build()} starts the engine's periodic tick (default true; tests may drive it by hand). */
        public Builder autoStart(boolean v) { autoStart = v; return this; }

        /** The aggregate queries behind {@link LeadReach#analytics()}. */
        public Builder analyticsStore(AnalyticsStore v) { analyticsStore = Objects.requireNonNull(v, "analyticsStore"); return this; }

        /** The zone, week start and send-hour suggestion settings of {@link LeadReach#analytics()}. */
        public Builder analytics(AnalyticsConfig v) { analyticsConfig = Objects.requireNonNull(v, "analytics"); return this; }

        /** The rate card, messaging-limit tier and provider templates campaign previews estimate with. */
        public Builder preview(PreviewConfig v) { previewConfig = Objects.requireNonNull(v, "preview"); return this; }

        /** Where replies matched to leads are kept for {@link LeadReach#history()} (default: in memory). */
        public Builder replyStore(ReplyStore v) { replyStore = Objects.requireNonNull(v, "replyStore"); return this; }
        /** Where automation rules and fired occurrences are kept (default: in memory). */
        public Builder automationStore(AutomationStore v) { automationStore = Objects.requireNonNull(v, "automationStore"); return this; }

        /**
         * Runs {@link AutomationEngine#runDue} as the recurring job {@value LeadReach#AUTOMATION_JOB} every
         * {@code interval} (on the {@link #scheduler} in use, so on one node at a time in a cluster).
         * Not set by default: call {@code automation().runDue(now)} yourself, or set it (the Spring
         * starter sets {@code leadreach.automation.interval}, 15 minutes by default).
         */
        public Builder automationInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("automationInterval must be positive: " + interval);
            }
            automationInterval = interval;
            return this;
        }

        /**
         * Reconciles recipients held IN_DOUBT for longer than {@code heldFor} (a send whose outcome
         * is unknown and that no status webhook settled) by marking them SENT, unconfirmed, by
         * {@code leadreach:reconciler}: the recurring job {@value LeadReach#IN_DOUBT_RECONCILE_JOB}
         * (every quarter of {@code heldFor}, between a minute and an hour) calls
         * {@link CampaignRunner#reconcileInDoubt}. Nothing is ever resent by it. Not set by default:
         * doubts wait for a webhook or an operator ({@link LeadWhatsAppService#resolveInDoubt}).
         * WhatsApp retries webhooks for up to 7 days, so a shorter time may mark sent a message a
         * late webhook would have reported failed (it then still moves the recipient to FAILED).
         */
        public Builder inDoubtReconcileAfter(Duration heldFor) {
            Objects.requireNonNull(heldFor, "heldFor");
            if (heldFor.isNegative() || heldFor.isZero()) {
                throw new IllegalArgumentException("inDoubtReconcileAfter must be positive: " + heldFor);
            }
            inDoubtReconcileAfter = heldFor;
            return this;
        }

        /**
         * When campaign ticks and recurring jobs run (default: a {@link WorkQueueScheduler} on the
         * work queue). A cluster passes one whose tasks are stored and run on one node at a time.
         */
        public Builder scheduler(EngineScheduler v) { scheduler = Objects.requireNonNull(v, "scheduler"); return this; }

        /** Who hears sends, their latency and webhook events, for metrics (default: nobody). */
        public Builder observer(EngineObserver v) { observer = Objects.requireNonNull(v, "observer"); return this; }

        /**
         * Adds a job the scheduler runs every {@link RecurringJob#interval()} beside the engine's
         * own sweep (an automation run, for example); its name must be unique. The jobs start with
         * the engine; with {@code autoStart(false)} pass them to {@link CampaignRunner#start(java.util.List)}.
         */
        public Builder recurringJob(RecurringJob v) { recurringJobs.add(Objects.requireNonNull(v, "recurringJob")); return this; }

        /** The numbers given, or the transport's own; a routing transport must route each. */
        private SenderNumbers senders() {
            SenderNumbers senders = senderNumbers.isEmpty() ? SenderNumbers.of(SenderNumber.of(transport.senderId()))
                    : SenderNumbers.of(senderNumbers);
            if (transport instanceof SenderRoutingTransport routing) {
                List<String> missing = new ArrayList<>();
                for (SenderNumber n : senders.all()) {
                    if (routing.transportOf(n.id()) == null) {
                        missing.add(n.id());
                    }
                }
                if (!missing.isEmpty()) {
                    throw new IllegalStateException("the transport routes numbers " + routing.senderIds()
                            + " but not the sender numbers " + missing);
                }
            }
            return senders;
        }

        public LeadReach build() {
            if (transport == null) {
                throw new IllegalStateException("a transport is required: LeadReach.builder().transport(...)");
            }
            SenderNumbers senders = senders();
            Set<String> names = new HashSet<>(Set.of(RecurringJob.CAMPAIGN_SWEEP, AUTOMATION_JOB,
                    IN_DOUBT_RECONCILE_JOB));
            for (RecurringJob job : recurringJobs) {
                if (!names.add(job.name())) {
                    throw new IllegalStateException("two recurring jobs are named " + job.name());
                }
            }
            PhoneNumbers phones = new PhoneNumbers(defaultRegion);
            boolean ownsQueue = workQueue == null;
            WorkQueue queue = ownsQueue ? new ExecutorWorkQueue(sending.workers()) : workQueue;
            Wiring engine = new Wiring(clock, sending,
                    leadDirectory != null ? leadDirectory : new InMemoryLeadDirectory(raw -> phones.tryE164(raw).orElse(null)),
                    consentStore != null ? consentStore : new InMemoryConsentStore(),
                    messageStore != null ? messageStore : new InMemoryMessageStore(),
                    templateStore != null ? templateStore : new InMemoryTemplateStore(),
                    campaignStore != null ? campaignStore : new InMemoryCampaignStore(),
                    attachmentStore != null ? attachmentStore : new FileSystemAttachmentStore(),
                    rateLimiter != null ? rateLimiter : new InMemoryRateLimiter(clock),
                    queue,
                    transport, phones, TemplateRenderer.forVariables(LeadVariables.NAMES),
                    nodeId != null ? nodeId : defaultNodeId(),
                    conversationStore != null ? conversationStore : new InMemoryConversationStore(),
                    scheduler != null ? scheduler : new WorkQueueScheduler(queue, clock), observer,
                    new TemplateCategories(previewConfig.providerTemplates()), senders);
            CampaignStore campaignsForDepth = engine.campaigns();
            observer.bindQueueDepth(() -> campaignsForDepth.countOpen(EnumSet.of(CampaignStatus.ACTIVE)));
            CampaignRunner runner = Access.newRunner(engine);
            AttachmentIntake intake = new AttachmentIntake(attachmentPolicy, virusScanner, engine.attachments(),
                    virusScanMode, observer);
            LeadWhatsAppService service = new DefaultLeadWhatsAppService(engine, runner, intake);
            ReplyStore replies = replyStore != null ? replyStore : new InMemoryReplyStore();
            Tracking tracker = Access.newTracker(engine, runner, activitySink, tracking, replies);
            AnalyticsStore aStore = analyticsStore != null ? analyticsStore
                    : engine.messages() instanceof InMemoryMessageStore m
                            ? new InMemoryAnalyticsStore(m, engine.campaigns()) : null;
            AnalyticsService analytics = aStore == null ? null
                    : new AnalyticsService(clock, aStore, engine.campaigns(), engine.leads(), analyticsConfig);
            AutomationEngine automation = new DefaultAutomationEngine(engine, runner,
                    automationStore != null ? automationStore : new InMemoryAutomationStore());
            List<RecurringJob> jobs = new ArrayList<>(recurringJobs);
            if (automationInterval != null) {
                Clock jobClock = clock;
                jobs.add(new RecurringJob(AUTOMATION_JOB, automationInterval,
                        () -> automation.runDue(jobClock.instant())));
            }
            if (inDoubtReconcileAfter != null) {
                Duration heldFor = inDoubtReconcileAfter;
                Duration every = heldFor.dividedBy(4);
                every = every.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                        : every.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : every;
                jobs.add(new RecurringJob(IN_DOUBT_RECONCILE_JOB, every, () -> runner.reconcileInDoubt(heldFor)));
            }
            if (autoStart) {
                runner.start(List.copyOf(jobs));
            }
            return new LeadReach(engine, runner, service, tracker, new DefaultTemplateService(engine, intake),
                    ownsQueue, analytics, new DefaultCampaignPreviewService(engine, previewConfig), automation,
                    new DefaultMessageHistoryService(engine, replies));
        }

        private static String defaultNodeId() {
            return ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
