package io.leadreach.spring;

import io.leadreach.ValidationException;
import io.leadreach.analytics.AnalyticsConfig;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.attachment.ClamdConfig;
import io.leadreach.attachment.ClamdVirusScanner;
import io.leadreach.attachment.ScanMode;
import io.leadreach.attachment.FileSystemAttachmentStore;
import io.leadreach.preview.MessagingLimit;
import io.leadreach.preview.PreviewConfig;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.sending.ThrottleConfig;
import io.leadreach.tracking.TrackingConfig;
import io.leadreach.whatsapp.CloudApiConfig;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code leadreach.*} settings, mapped onto {@link io.leadreach.LeadReach.Builder} and the
 * WhatsApp transport. Every default is the core's own {@code DEFAULT_*} value.
 *
 * <p>The settings are checked when they are bound, at start-up: a wrong value stops the
 * application with a message that names the property, such as {@code leadreach.whatsapp.access-token
 * is required when leadreach.whatsapp.mode=cloud-api}.
 */
@ConfigurationProperties(LeadReachProperties.PREFIX)
public class LeadReachProperties implements Validator {

    /** The prefix of every property. */
    public static final String PREFIX = "leadreach";

    /** The ISO 3166 region assumed for mobile numbers written without a country code. */
    private String defaultRegion = "US";

    /**
     * Whether LeadReach creates or upgrades its own tables at start-up (the JPA stores', the
     * scheduler's task table and the shared throttles' buckets: every {@code lead_whatsapp_*} table,
     * by {@code LeadReachJpa.migrate}, history in {@code lead_whatsapp_schema_history}). Off, LeadReach
     * changes no schema: run its migrations yourself ({@code LeadReachJpa.migrate}, or the SQL files
     * under {@code io/leadreach/jpa/migration} with your own tool) before the application starts.
     */
    private boolean initializeSchema = true;

    /** Engine-wide sending settings. */
    @NestedConfigurationProperty
    private final Sending sending = new Sending();

    /** The throttle of campaigns and bulk jobs that name none. */
    @NestedConfigurationProperty
    private final Throttle throttle = new Throttle();

    /** The retry policy of campaigns and bulk jobs that name none. */
    @NestedConfigurationProperty
    private final Retry retry = new Retry();

    /** How webhook events are applied: consent keywords and reply attribution. */
    @NestedConfigurationProperty
    private final Tracking tracking = new Tracking();

    /** Which attachments are accepted and where they are kept. */
    @NestedConfigurationProperty
    private final Attachments attachments = new Attachments();

    /** The WhatsApp provider: the in-process sandbox or Meta's Cloud API. */
    @NestedConfigurationProperty
    private final WhatsApp whatsapp = new WhatsApp();

    /** How the analytics dashboard reads time and suggests send hours. */
    @NestedConfigurationProperty
    private final Analytics analytics = new Analytics();

    /** What campaign previews estimate with. */
    @NestedConfigurationProperty
    private final Preview preview = new Preview();

    /** The REST API's own settings. */
    @NestedConfigurationProperty
    private final Web web = new Web();

    /** Where campaign ticks and recurring jobs run: db-scheduler when there is a DataSource. */
    @NestedConfigurationProperty
    private final Scheduler scheduler = new Scheduler();

    /** Follow-up automation: how often due rules run. */
    @NestedConfigurationProperty
    private final Automation automation = new Automation();

    /** The console's pages in the browser, such as whose phone a test send goes to. */
    @NestedConfigurationProperty
    private final Ui ui = new Ui();

    public boolean isInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(boolean initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    /**
     * Whether LeadReach may change the schema at start-up: {@code leadreach.initialize-schema}, and
     * not switched off by the older {@code leadreach.scheduler.initialize-schema}.
     */
    public boolean schemaChangesAllowed() {
        return initializeSchema && scheduler.initializeSchema;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public Sending getSending() {
        return sending;
    }

    public Throttle getThrottle() {
        return throttle;
    }

    public Retry getRetry() {
        return retry;
    }

    public Tracking getTracking() {
        return tracking;
    }

    public Attachments getAttachments() {
        return attachments;
    }

    public WhatsApp getWhatsapp() {
        return whatsapp;
    }

    public Analytics getAnalytics() {
        return analytics;
    }

    public Preview getPreview() {
        return preview;
    }

    public Web getWeb() {
        return web;
    }

    public Ui getUi() {
        return ui;
    }

    /** The core's analytics settings from {@code leadreach.analytics.*} (call after validation). */
    public AnalyticsConfig toAnalyticsConfig() {
        return new AnalyticsConfig(analytics.zone, analytics.firstDayOfWeek, analytics.minReadsForSuggestion,
                analytics.defaultSendHour, analytics.suggestionLookback);
    }

    public Automation getAutomation() {
        return automation;
    }

    public Scheduler getScheduler() {
        return scheduler;
    }

    /** The core's sending settings from these properties (call after validation). */
    public SendingConfig toSendingConfig() {
        return toSendingConfig(toRetryPolicy(), toThrottleConfig());
    }

    private SendingConfig toSendingConfig(RetryPolicy retryPolicy, ThrottleConfig throttleConfig) {
        QuietHours quiet = sending.quietHours;
        return SendingConfig.custom()
                .senderMessagesPerSecond(sending.senderMessagesPerSecond)
                .leadPacing(sending.leadPacing)
                .sendWindow(quiet.enabled ? SendWindow.quietBetween(quiet.start, quiet.end) : SendWindow.always())
                .defaultZone(sending.defaultZone)
                .batchSize(sending.batchSize)
                .lease(sending.lease)
                .sendTimeout(sending.sendTimeout)
                .maxInFlight(sending.maxInFlight)
                .workers(sending.workers)
                .syncBulkLimit(sending.syncBulkLimit)
                .maxBulkLeads(sending.maxBulkLeads)
                .pollInterval(sending.pollInterval)
                .defaultThrottle(throttleConfig)
                .defaultRetryPolicy(retryPolicy)
                .enforceServiceWindow(sending.enforceServiceWindow)
                .build();
    }

    /** The core's tracking settings from {@code leadreach.tracking.*} (call after validation). */
    public TrackingConfig toTrackingConfig() {
        return TrackingConfig.custom()
                .stopKeywords(tracking.stopKeywords)
                .startKeywords(tracking.startKeywords)
                .optOutPayloads(tracking.optOutPayloads)
                .attributionWindow(tracking.attributionWindow)
                .maxEventAge(tracking.maxEventAge)
                .build();
    }

    /** The core's default throttle from {@code leadreach.throttle.*}. */
    public ThrottleConfig toThrottleConfig() {
        return ThrottleConfig.custom().messagesPerMinute(throttle.messagesPerMinute).build();
    }

    /** The core's default retry policy from these properties. */
    public RetryPolicy toRetryPolicy() {
        return RetryPolicy.custom()
                .maxAttempts(retry.maxAttempts)
                .initialBackoff(retry.initialBackoff)
                .multiplier(retry.multiplier)
                .maxBackoff(retry.maxBackoff)
                .jitter(retry.jitter)
                .build();
    }

    /** The core's attachment policy from these properties. */
    public AttachmentPolicy toAttachmentPolicy() {
        AttachmentPolicy.Builder b = AttachmentPolicy.custom().maxSize(attachments.maxSize.toBytes());
        if (!attachments.allowedTypes.isEmpty()) {
            b.allowedTypes(attachments.allowedTypes);
        }
        return b.build();
    }

    @Override
    public boolean supports(Class<?> clazz) {
        return LeadReachProperties.class.isAssignableFrom(clazz);
    }

    /**
     * Checks every setting and the rules between them; each refusal names the property in its
     * message.
     */
    @Override
    public void validate(Object target, Errors errors) {
        List<String[]> problems = ((LeadReachProperties) target).problems();
        for (String[] p : problems) {
            errors.reject("leadreach.invalid", p[0] + " " + p[1]);
        }
    }

    /** Every problem found, as pairs of property name and complaint; empty when all is well. */
    List<String[]> problems() {
        List<String[]> out = new ArrayList<>();
        String s = PREFIX + ".sending.";
        if (defaultRegion == null || !defaultRegion.matches("[A-Za-z]{2}")) {
            out.add(new String[] {PREFIX + ".default-region", "must be a two-letter ISO region such as US, got " + defaultRegion});
        }
        if (sending.inDoubtReconcileAfter != null) {
            positive(out, s + "in-doubt-reconcile-after", sending.inDoubtReconcileAfter);
        }
        if (sending.defaultZone == null) {
            out.add(new String[] {s + "default-zone", "is required"});
        }
        if (sending.quietHours.start == null || sending.quietHours.end == null) {
            out.add(new String[] {s + "quiet-hours", "needs both start and end"});
        }
        // The rules of the settings the core builds are the core builders' own: each field error
        // is reported under its property.
        RetryPolicy retryPolicy = collect(out, PREFIX + ".retry.", this::toRetryPolicy);
        ThrottleConfig throttleConfig = collect(out, PREFIX + ".throttle.", this::toThrottleConfig);
        if (sending.defaultZone != null && sending.quietHours.start != null && sending.quietHours.end != null) {
            collect(out, s, () -> toSendingConfig(
                    retryPolicy == null ? RetryPolicy.ofDefaults() : retryPolicy,
                    throttleConfig == null ? ThrottleConfig.ofDefaults() : throttleConfig));
        }
        tracking.problems(out);
        if (attachments.maxSize == null || attachments.maxSize.toBytes() <= 0) {
            out.add(new String[] {PREFIX + ".attachments.max-size", "must be positive, got " + attachments.maxSize});
        }
        if (attachments.directory == null || attachments.directory.isBlank()) {
            out.add(new String[] {PREFIX + ".attachments.directory", "is required"});
        }
        attachments.clamd.problems(out);
        whatsapp.problems(out);
        analytics.problems(out);
        preview.problems(out);
        scheduler.problems(out);
        automation.problems(out);
        ui.problems(PREFIX + ".ui.", out);
        return out;
    }

    /**
     * Builds a core setting, reporting each field error of its builder under the property it
     * comes from: {@code prefix} and the field's name in kebab case. Null when refused.
     */
    private static <T> T collect(List<String[]> out, String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (ValidationException e) {
            for (ValidationException.FieldError f : e.errors()) {
                String property = prefix + kebab(f.field());
                String field = f.field() + " ";
                String message = f.message().startsWith(field) ? f.message().substring(field.length()) : f.message();
                out.add(new String[] {property, message});
            }
            return null;
        }
    }

    /** {@code sendTimeout} as {@code send-timeout}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static void positive(List<String[]> out, String name, int value) {
        if (value <= 0) {
            out.add(new String[] {name, "must be positive, got " + value});
        }
    }

    private static void positive(List<String[]> out, String name, Duration value) {
        if (!isPositive(value)) {
            out.add(new String[] {name, "must be a positive duration, got " + value});
        }
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** Engine-wide sending settings ({@link SendingConfig}). */
    public static class Sending {

        /** Messages a second the sender number may send (WhatsApp's default tier is 80). */
        private int senderMessagesPerSecond = SendingConfig.DEFAULT_SENDER_MESSAGES_PER_SECOND;

        /** The least time between two messages to one lead, across single, bulk and campaign sends; 0 for none. */
        private Duration leadPacing = SendingConfig.DEFAULT_LEAD_PACING;

        /** Quiet hours, judged in each lead's time zone. */
        @NestedConfigurationProperty
        private final QuietHours quietHours = new QuietHours();

        /** The time zone of leads whose own zone is unknown. */
        private ZoneId defaultZone = SendingConfig.DEFAULT_ZONE;

        /** How many campaign recipients a runner claims at a time. */
        private int batchSize = SendingConfig.DEFAULT_BATCH_SIZE;

        /** How long a claim on a recipient is held before another runner may take it over. */
        private Duration lease = SendingConfig.DEFAULT_LEASE;

        /** How long a send may take before its outcome is deemed unknown; shorter than the lease. */
        private Duration sendTimeout = SendingConfig.DEFAULT_SEND_TIMEOUT;

        /**
         * Whether the sender's, each campaign's and each lead's throttles are kept in the database
         * (Bucket4j, table {@code lead_whatsapp_rate_limits}) so that they hold across all nodes of
         * the application. Needs {@code leadreach-persistence-jpa}, {@code bucket4j_jdk17-core} (and
         * {@code bucket4j_jdk17-postgresql} on PostgreSQL) and one DataSource on PostgreSQL or
         * MariaDB/MySQL. Off by default: a single node keeps its throttles in memory.
         */
        private boolean sharedRateLimit = false;

        /**
         * With {@code shared-rate-limit}, keep the shared throttles in this Redis instead of the
         * database (a URI such as {@code redis://127.0.0.1:6379}; Bucket4j's Lettuce backend, needs
         * {@code bucket4j_jdk17-lettuce} and {@code lettuce-core}, no DataSource). Unset: the database.
         */
        private String sharedRateLimitRedisUri;

        /**
         * After how long a recipient held IN_DOUBT (a send whose outcome is unknown, with no status
         * webhook since) is marked SENT, unconfirmed, by the reconciliation (recorded as
         * {@code leadreach:reconciler}; nothing is resent). Unset by default: doubts wait for a
         * webhook or an operator ({@code POST .../recipients/{id}/resolve}). WhatsApp retries
         * webhooks for up to 7 days.
         */
        private Duration inDoubtReconcileAfter;

        /** Sends under way at once, across campaigns. */
        private int maxInFlight = SendingConfig.DEFAULT_MAX_IN_FLIGHT;

        /** Threads of the default work queue. */
        private int workers = SendingConfig.DEFAULT_WORKERS;

        /** A bulk send to at most this many leads is answered at once, per lead; a larger one becomes a job. */
        private int syncBulkLimit = SendingConfig.DEFAULT_SYNC_BULK_LIMIT;

        /** The most leads one bulk send may name. */
        private int maxBulkLeads = SendingConfig.DEFAULT_MAX_BULK_LEADS;

        /** How often the engine looks for due scheduled campaigns and lapsed leases. */
        private Duration pollInterval = SendingConfig.DEFAULT_POLL_INTERVAL;

        /**
         * Whether free-form text and media go only to leads who wrote within the last 24 hours, as
         * WhatsApp requires; outside it a campaign sends its template's approved binding (or skips
         * the lead) and a single send is refused. Turn it off only against a simulator.
         */
        private boolean enforceServiceWindow = SendingConfig.DEFAULT_ENFORCE_SERVICE_WINDOW;

        public int getSenderMessagesPerSecond() { return senderMessagesPerSecond; }
        public void setSenderMessagesPerSecond(int v) { senderMessagesPerSecond = v; }
        public Duration getLeadPacing() { return leadPacing; }
        public void setLeadPacing(Duration v) { leadPacing = v; }
        public QuietHours getQuietHours() { return quietHours; }
        public ZoneId getDefaultZone() { return defaultZone; }
        public void setDefaultZone(ZoneId v) { defaultZone = v; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int v) { batchSize = v; }
        public Duration getLease() { return lease; }
        public void setLease(Duration v) { lease = v; }
        public Duration getSendTimeout() { return sendTimeout; }
        public void setSendTimeout(Duration v) { sendTimeout = v; }
        public boolean isSharedRateLimit() { return sharedRateLimit; }
        public void setSharedRateLimit(boolean v) { sharedRateLimit = v; }
        public String getSharedRateLimitRedisUri() { return sharedRateLimitRedisUri; }
        public void setSharedRateLimitRedisUri(String v) { sharedRateLimitRedisUri = v; }
        public Duration getInDoubtReconcileAfter() { return inDoubtReconcileAfter; }
        public void setInDoubtReconcileAfter(Duration v) { inDoubtReconcileAfter = v; }
        public int getMaxInFlight() { return maxInFlight; }
        public void setMaxInFlight(int v) { maxInFlight = v; }
        public int getWorkers() { return workers; }
        public void setWorkers(int v) { workers = v; }
        public int getSyncBulkLimit() { return syncBulkLimit; }
        public void setSyncBulkLimit(int v) { syncBulkLimit = v; }
        public int getMaxBulkLeads() { return maxBulkLeads; }
        public void setMaxBulkLeads(int v) { maxBulkLeads = v; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration v) { pollInterval = v; }
        public boolean isEnforceServiceWindow() { return enforceServiceWindow; }
        public void setEnforceServiceWindow(boolean v) { enforceServiceWindow = v; }
    }

    /** How the delivery tracker reads inbound messages ({@link TrackingConfig}). */
    public static class Tracking {

        /** Inbound texts that, as a whole message, opt the number out; empty turns keyword opt-out off. */
        private List<String> stopKeywords = sorted(TrackingConfig.DEFAULT_STOP_KEYWORDS);

        /** Inbound texts that, as a whole message, opt the number in again; empty turns keyword opt-in off. */
        private List<String> startKeywords = sorted(TrackingConfig.DEFAULT_START_KEYWORDS);

        /**
         * Quick-reply button payloads that opt the number out (by default STOP, UNSUBSCRIBE and Meta's
         * marketing opt-out button, STOP_PROMOTIONS); the list replaces the defaults.
         */
        private List<String> optOutPayloads = sorted(TrackingConfig.DEFAULT_OPT_OUT_PAYLOADS);

        /** How far back a reply without context is attributed to the latest message sent to that number. */
        private Duration attributionWindow = TrackingConfig.DEFAULT_ATTRIBUTION_WINDOW;

        /** Webhook events older than this are ignored, except opt-outs, which are recorded whatever their age. */
        private Duration maxEventAge = TrackingConfig.DEFAULT_MAX_EVENT_AGE;

        public List<String> getStopKeywords() { return stopKeywords; }
        public void setStopKeywords(List<String> v) { stopKeywords = v; }
        public List<String> getStartKeywords() { return startKeywords; }
        public void setStartKeywords(List<String> v) { startKeywords = v; }
        public List<String> getOptOutPayloads() { return optOutPayloads; }
        public void setOptOutPayloads(List<String> v) { optOutPayloads = v; }
        public Duration getAttributionWindow() { return attributionWindow; }
        public void setAttributionWindow(Duration v) { attributionWindow = v; }
        public Duration getMaxEventAge() { return maxEventAge; }
        public void setMaxEventAge(Duration v) { maxEventAge = v; }

        private static List<String> sorted(Collection<String> words) {
            return new ArrayList<>(words.stream().sorted().toList());
        }

        void problems(List<String[]> out) {
            String t = PREFIX + ".tracking.";
            positive(out, t + "attribution-window", attributionWindow);
            positive(out, t + "max-event-age", maxEventAge);
            if (stopKeywords == null || startKeywords == null || optOutPayloads == null
                    || stopKeywords.contains(null) || startKeywords.contains(null) || optOutPayloads.contains(null)) {
                out.add(new String[] {t + "*", "keyword lists must not hold empty entries"});
                return;
            }
            try {
                TrackingConfig.custom().stopKeywords(stopKeywords).startKeywords(startKeywords).build();
            } catch (IllegalArgumentException e) {
                out.add(new String[] {t + "start-keywords", "must not repeat a stop keyword (" + e.getMessage() + ")"});
            }
        }
    }

    /** Quiet hours ({@link SendWindow}): no message starts between {@code start} and {@code end} local time. */
    public static class QuietHours {

        /** Whether quiet hours apply at all. */
        private boolean enabled = true;

        /** When quiet hours begin, in the lead's local time. */
        private LocalTime start = SendWindow.DEFAULT_QUIET_START;

        /** When quiet hours end, in the lead's local time. */
        private LocalTime end = SendWindow.DEFAULT_QUIET_END;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public LocalTime getStart() { return start; }
        public void setStart(LocalTime v) { start = v; }
        public LocalTime getEnd() { return end; }
        public void setEnd(LocalTime v) { end = v; }
    }

    /** The default campaign throttle ({@link ThrottleConfig}). */
    public static class Throttle {

        /** Messages a minute a campaign may send when it names no throttle of its own. */
        private int messagesPerMinute = ThrottleConfig.DEFAULT_MESSAGES_PER_MINUTE;

        public int getMessagesPerMinute() { return messagesPerMinute; }
        public void setMessagesPerMinute(int v) { messagesPerMinute = v; }
    }

    /** The default retry policy ({@link RetryPolicy}). */
    public static class Retry {

        /** Attempts per recipient in all, the first included, 1 to 10; 1 means never retry. */
        private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;

        /** The wait before the second attempt. */
        private Duration initialBackoff = RetryPolicy.DEFAULT_INITIAL_BACKOFF;

        /** How much longer each following wait is. */
        private double multiplier = RetryPolicy.DEFAULT_MULTIPLIER;

        /** The longest wait between two attempts. */
        private Duration maxBackoff = RetryPolicy.DEFAULT_MAX_BACKOFF;

        /** How far each wait is spread at random, as a share (0.2 is ±20 %). */
        private double jitter = RetryPolicy.DEFAULT_JITTER;

        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int v) { maxAttempts = v; }
        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration v) { initialBackoff = v; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double v) { multiplier = v; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration v) { maxBackoff = v; }
        public double getJitter() { return jitter; }
        public void setJitter(double v) { jitter = v; }
    }

    /** Attachments ({@link AttachmentPolicy}, {@link FileSystemAttachmentStore}). */
    public static class Attachments {

        /** The largest attachment accepted. */
        private DataSize maxSize = DataSize.ofBytes(AttachmentPolicy.DEFAULT_MAX_SIZE);

        /** The MIME types accepted, decided by a file's bytes; empty for PDF, JPEG, PNG, DOC and DOCX. */
        private List<String> allowedTypes = new ArrayList<>();

        /** The directory accepted attachments are stored under, relative to the working directory unless absolute. */
        private String directory = FileSystemAttachmentStore.DEFAULT_DIRECTORY.toString();

        /** Scanning attachments with clamd, the ClamAV daemon. */
        @NestedConfigurationProperty
        private final Clamd clamd = new Clamd();

        public DataSize getMaxSize() { return maxSize; }
        public void setMaxSize(DataSize v) { maxSize = v; }
        public List<String> getAllowedTypes() { return allowedTypes; }
        public void setAllowedTypes(List<String> v) { allowedTypes = v; }
        public String getDirectory() { return directory; }
        public void setDirectory(String v) { directory = v; }
        public Clamd getClamd() { return clamd; }
    }

    /**
     * Scanning attachments with clamd ({@link ClamdVirusScanner}): off unless {@code enabled}; then
     * over the Unix domain socket {@code socket} or over TCP at {@code host}:{@code port}.
     */
    public static class Clamd {

        /** Whether attachments are scanned by clamd; a VirusScanner bean of your own takes its place. */
        private boolean enabled = false;

        /** clamd's host for TCP (its TCPSocket); localhost when neither host nor socket is set. Not with socket. */
        private String host;

        /** clamd's TCP port. */
        private int port = ClamdConfig.DEFAULT_PORT;

        /** clamd's Unix domain socket (its LocalSocket), such as /run/clamav/clamd.ctl; not with host. */
        private String socket;

        /** The limit on one whole scan: connecting, streaming the file and reading clamd's answer. */
        private Duration timeout = ClamdConfig.DEFAULT_TIMEOUT;

        /**
         * What happens to an attachment that could not be scanned (clamd down, or the file larger
         * than its StreamMaxLength): required refuses it (503, or 413 when too large to scan),
         * best-effort accepts it and logs a warning. An infected file is refused (422) either way.
         * Applies to a VirusScanner bean of your own too.
         */
        private ScanMode mode = ScanMode.REQUIRED;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public String getHost() { return host; }
        public void setHost(String v) { host = v; }
        public int getPort() { return port; }
        public void setPort(int v) { port = v; }
        public String getSocket() { return socket; }
        public void setSocket(String v) { socket = v; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration v) { timeout = v; }
        public ScanMode getMode() { return mode; }
        public void setMode(ScanMode v) { mode = v; }

        /** The core's clamd settings from these properties (call after validation). */
        public ClamdConfig toClamdConfig() {
            ClamdConfig.Builder b = ClamdConfig.custom().timeout(timeout);
            if (socket != null) {
                b.socket(Path.of(socket));
            }
            if (host != null || socket == null) {
                b.host(host != null ? host : ClamdConfig.DEFAULT_HOST).port(port);
            }
            return b.build();
        }

        void problems(List<String[]> out) {
            String c = PREFIX + ".attachments.clamd.";
            if (mode == null) {
                out.add(new String[] {c + "mode", "is required: required or best-effort"});
            }
            if (!enabled) {
                if (host != null || socket != null) {
                    out.add(new String[] {c + (socket != null ? "socket" : "host"), "is set but "
                            + c + "enabled is false: set it to true to scan attachments, or remove the address"});
                }
                return;
            }
            collect(out, c, this::toClamdConfig);
        }
    }

    /** How LeadReach talks to WhatsApp. */
    public enum Mode {
        /** A local Cloud API simulator started in-process: nothing leaves the machine, no credentials. */
        SANDBOX,
        /** Meta's WhatsApp Business Cloud API, with the configured phone number id and access token. */
        CLOUD_API
    }

    /** The WhatsApp Cloud API transport ({@link CloudApiConfig}). */
    public static class WhatsApp {

        /** Whether to send through the in-process simulator ({@code sandbox}) or Meta's Cloud API ({@code cloud-api}). */
        private Mode mode = Mode.SANDBOX;

        /** The business phone number's Graph id (digits, not the number itself); required in cloud-api mode. */
        private String phoneNumberId;

        /** The WhatsApp Business Account id (digits); needed to sync approved templates. */
        private String wabaId;

        /** The system-user access token; required in cloud-api mode. Keep it out of source control. */
        private String accessToken;

        /** The Meta app's secret that signs webhooks; without it the webhook endpoint is not offered. */
        private String appSecret;

        /** The verify token of the webhook subscription, echoed in Meta's verification handshake. */
        private String verifyToken;

        /** The Graph API version in request paths, such as v23.0. */
        private String apiVersion = CloudApiConfig.DEFAULT_API_VERSION;

        /** Where the Graph API lives. */
        private String baseUrl = CloudApiConfig.DEFAULT_BASE_URL;

        /** How long to wait for a connection to the Graph API. */
        private Duration connectTimeout = CloudApiConfig.DEFAULT_CONNECT_TIMEOUT;

        /** How long to wait for the Graph API's answer once a request is written. */
        private Duration responseTimeout = CloudApiConfig.DEFAULT_RESPONSE_TIMEOUT;

        /** The most pooled connections to the Graph API (also the most sends in flight). */
        private int poolSize = CloudApiConfig.DEFAULT_POOL_SIZE;

        /** The largest webhook body accepted. */
        private DataSize maxWebhookBodySize = DataSize.ofBytes(CloudApiConfig.DEFAULT_MAX_WEBHOOK_BODY_SIZE);

        /**
         * How many threads apply webhook events to the stores. A delivery's events are shared out
         * by the number they are about, so each number's events keep their order; one applier
         * writes while another waits for the database. More appliers help when the database has
         * connections and cores to spare.
         */
        private int webhookAppliers = 2;

        /**
         * Several business numbers to send from, the first being the default (campaigns that name
         * none, and single sends to a lead with no open conversation). Instead of
         * {@code phone-number-id}, which is the short form of one number. Each gives phone-number-id
         * (required), waba-id, display-number, access-token, app-secret and messages-per-second; its
         * access token, app secret and WABA id default to the ones above (see docs/sender-numbers.md).
         */
        private List<WhatsAppNumber> numbers = new ArrayList<>();

        public Mode getMode() { return mode; }
        public void setMode(Mode v) { mode = v; }
        public String getPhoneNumberId() { return phoneNumberId; }
        public void setPhoneNumberId(String v) { phoneNumberId = v; }
        public String getWabaId() { return wabaId; }
        public void setWabaId(String v) { wabaId = v; }
        public String getAccessToken() { return accessToken; }
        public void setAccessToken(String v) { accessToken = v; }
        public String getAppSecret() { return appSecret; }
        public void setAppSecret(String v) { appSecret = v; }
        public String getVerifyToken() { return verifyToken; }
        public void setVerifyToken(String v) { verifyToken = v; }
        public String getApiVersion() { return apiVersion; }
        public void setApiVersion(String v) { apiVersion = v; }
        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String v) { baseUrl = v; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration v) { connectTimeout = v; }
        public Duration getResponseTimeout() { return responseTimeout; }
        public void setResponseTimeout(Duration v) { responseTimeout = v; }
        public int getPoolSize() { return poolSize; }
        public void setPoolSize(int v) { poolSize = v; }
        public DataSize getMaxWebhookBodySize() { return maxWebhookBodySize; }
        public void setMaxWebhookBodySize(DataSize v) { maxWebhookBodySize = v; }
        public int getWebhookAppliers() { return webhookAppliers; }
        public void setWebhookAppliers(int v) { webhookAppliers = v; }
        public List<WhatsAppNumber> getNumbers() { return numbers; }
        public void setNumbers(List<WhatsAppNumber> v) { numbers = v == null ? new ArrayList<>() : v; }

        void problems(List<String[]> out) {
            String w = PREFIX + ".whatsapp.";
            if (mode == null) {
                out.add(new String[] {w + "mode", "is required: sandbox or cloud-api"});
                return;
            }
            if (maxWebhookBodySize == null || maxWebhookBodySize.toBytes() > Integer.MAX_VALUE) {
                out.add(new String[] {w + "max-webhook-body-size", "must be at most 2GB, got " + maxWebhookBodySize});
                return;
            }
            if (webhookAppliers < 1 || webhookAppliers > 64) {
                out.add(new String[] {w + "webhook-appliers", "must be between 1 and 64, got " + webhookAppliers});
            }
            if (!blank(verifyToken) && blank(appSecret)) {
                out.add(new String[] {w + "app-secret", "is required when " + w + "verify-token is set: "
                        + "webhooks are checked by their signature"});
            }
            // The client's rules are CloudApiConfig's own; in sandbox mode the simulator supplies
            // the credentials, so only the settings the properties give are checked there.
            // With several numbers each is checked below as a whole configuration instead.
            CloudApiConfig.Builder base = mode == Mode.CLOUD_API && numbers.isEmpty() ? cloudApiCredentials()
                    : CloudApiConfig.custom().phoneNumberId("1").accessToken("sandbox");
            collect(out, w, () -> withClientSettings(base).build());
            if (numbers.isEmpty()) {
                return;
            }
            if (!blank(phoneNumberId)) {
                out.add(new String[] {w + "phone-number-id", "is the short form of one number: give it or "
                        + w + "numbers, not both"});
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < numbers.size(); i++) {
                WhatsAppNumber n = numbers.get(i);
                String at = w + "numbers[" + i + "].";
                if (n == null) {
                    out.add(new String[] {w + "numbers[" + i + "]", "is empty"});
                    continue;
                }
                if (blank(n.getPhoneNumberId())) {
                    out.add(new String[] {at + "phone-number-id", "is required"});
                } else if (!seen.add(n.getPhoneNumberId().strip())) {
                    out.add(new String[] {at + "phone-number-id", "repeats number " + n.getPhoneNumberId()});
                }
                if (n.getMessagesPerSecond() != null && n.getMessagesPerSecond() <= 0) {
                    out.add(new String[] {at + "messages-per-second", "must be positive, got " + n.getMessagesPerSecond()});
                }
                if (mode == Mode.CLOUD_API && !blank(n.getPhoneNumberId())) {
                    collect(out, at, () -> withClientSettings(numberCredentials(n)).build());
                }
            }
        }

        /** Whether several numbers are configured ({@code numbers}), rather than the short form. */
        boolean hasNumbers() {
            return !numbers.isEmpty();
        }

        /**
         * The credentials and address of one of {@code numbers}: its own access token, app secret
         * and WABA id, or the ones of the short form when it gives none.
         */
        CloudApiConfig.Builder numberCredentials(WhatsAppNumber n) {
            return CloudApiConfig.custom()
                    .phoneNumberId(blank(n.getPhoneNumberId()) ? null : n.getPhoneNumberId().strip())
                    .wabaId(!blank(n.getWabaId()) ? n.getWabaId() : blank(wabaId) ? null : wabaId)
                    .accessToken(!blank(n.getAccessToken()) ? n.getAccessToken() : blank(accessToken) ? null : accessToken)
                    .appSecret(!blank(n.getAppSecret()) ? n.getAppSecret() : blank(appSecret) ? null : appSecret)
                    .verifyToken(blank(verifyToken) ? null : verifyToken)
                    .apiVersion(apiVersion)
                    .baseUrl(baseUrl);
        }

        /** The credentials and address of Meta's Cloud API from these properties. */
        CloudApiConfig.Builder cloudApiCredentials() {
            return CloudApiConfig.custom()
                    .phoneNumberId(blank(phoneNumberId) ? null : phoneNumberId)
                    .wabaId(blank(wabaId) ? null : wabaId)
                    .accessToken(blank(accessToken) ? null : accessToken)
                    .appSecret(blank(appSecret) ? null : appSecret)
                    .verifyToken(blank(verifyToken) ? null : verifyToken)
                    .apiVersion(apiVersion)
                    .baseUrl(baseUrl);
        }

        /** {@code base} with the client settings of these properties: timeouts, pool size, webhook body limit. */
        CloudApiConfig.Builder withClientSettings(CloudApiConfig.Builder base) {
            return base.connectTimeout(connectTimeout)
                    .responseTimeout(responseTimeout)
                    .poolSize(poolSize)
                    .maxWebhookBodySize((int) maxWebhookBodySize.toBytes());
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    /** One business number of {@code leadreach.whatsapp.numbers}. */
    public static class WhatsAppNumber {

        /** The number's Graph id (digits, not the number itself); required. */
        private String phoneNumberId;

        /** The WhatsApp Business Account of the number; default: {@code leadreach.whatsapp.waba-id}. */
        private String wabaId;

        /** The number as people see it, for pages and logs. */
        private String displayNumber;

        /** The access token for this number; default: {@code leadreach.whatsapp.access-token}. */
        private String accessToken;

        /** The app secret that signs this number's webhooks; default: {@code leadreach.whatsapp.app-secret}. */
        private String appSecret;

        /** Messages a second this number may send (Meta's default is 80, up to 1,000); default: {@code leadreach.sending.sender-messages-per-second}. */
        private Integer messagesPerSecond;

        public String getPhoneNumberId() { return phoneNumberId; }
        public void setPhoneNumberId(String v) { phoneNumberId = v; }
        public String getWabaId() { return wabaId; }
        public void setWabaId(String v) { wabaId = v; }
        public String getDisplayNumber() { return displayNumber; }
        public void setDisplayNumber(String v) { displayNumber = v; }
        public String getAccessToken() { return accessToken; }
        public void setAccessToken(String v) { accessToken = v; }
        public String getAppSecret() { return appSecret; }
        public void setAppSecret(String v) { appSecret = v; }
        public Integer getMessagesPerSecond() { return messagesPerSecond; }
        public void setMessagesPerSecond(Integer v) { messagesPerSecond = v; }

        /** The engine's view of this number: its id, WABA, display number and rate. */
        io.leadreach.sending.SenderNumber toSenderNumber(String defaultWabaId) {
            String waba = wabaId != null && !wabaId.isBlank() ? wabaId : defaultWabaId;
            return new io.leadreach.sending.SenderNumber(phoneNumberId.strip(), waba, displayNumber,
                    messagesPerSecond == null ? null : io.leadreach.sending.RateLimit.perSecond(messagesPerSecond), null);
        }
    }

    /** The analytics dashboard ({@link AnalyticsConfig}). */
    public static class Analytics {

        /** The zone of "today", "this week", days and heat-map hours when a request names none. */
        private ZoneId zone = AnalyticsConfig.ofDefaults().zone();

        /** The day weeks start on. */
        private DayOfWeek firstDayOfWeek = AnalyticsConfig.ofDefaults().firstDayOfWeek();

        /** The fewest reads a suggested send hour is based on; below it the default hour is suggested. */
        private int minReadsForSuggestion = AnalyticsConfig.DEFAULT_MIN_READS;

        /** The send hour suggested when there are too few reads to go by. */
        private LocalTime defaultSendHour = AnalyticsConfig.ofDefaults().defaultSendHour();

        /** How far back read times are taken for a suggested send hour. */
        private Duration suggestionLookback = AnalyticsConfig.ofDefaults().suggestionLookback();

        public ZoneId getZone() { return zone; }
        public void setZone(ZoneId v) { zone = v; }
        public DayOfWeek getFirstDayOfWeek() { return firstDayOfWeek; }
        public void setFirstDayOfWeek(DayOfWeek v) { firstDayOfWeek = v; }
        public int getMinReadsForSuggestion() { return minReadsForSuggestion; }
        public void setMinReadsForSuggestion(int v) { minReadsForSuggestion = v; }
        public LocalTime getDefaultSendHour() { return defaultSendHour; }
        public void setDefaultSendHour(LocalTime v) { defaultSendHour = v; }
        public Duration getSuggestionLookback() { return suggestionLookback; }
        public void setSuggestionLookback(Duration v) { suggestionLookback = v; }

        void problems(List<String[]> out) {
            String a = PREFIX + ".analytics.";
            if (zone == null) {
                out.add(new String[] {a + "zone", "is required"});
            }
            if (firstDayOfWeek == null) {
                out.add(new String[] {a + "first-day-of-week", "is required"});
            }
            if (defaultSendHour == null) {
                out.add(new String[] {a + "default-send-hour", "is required"});
            }
            positive(out, a + "min-reads-for-suggestion", minReadsForSuggestion);
            positive(out, a + "suggestion-lookback", suggestionLookback);
        }
    }

    /** Campaign previews ({@link PreviewConfig}). */
    public static class Preview {

        /**
         * The business portfolio's messaging-limit tier (unique template recipients per 24 hours):
         * recipients beyond it are counted as skipped.
         */
        private MessagingLimit messagingLimit = PreviewConfig.ofDefaults().messagingLimit();

        /**
         * Where the rate card for cost estimates is, as a Spring resource location (such as
         * {@code classpath:rates.csv} or {@code file:/etc/crm/rates.csv}); CSV
         * {@code country_calling_code,category,price,currency}. Without one, previews give no cost.
         */
        private String rateCard;

        /** The most leads one preview reads to count skips; beyond it the counts cover only those read. */
        private long maxScanned = PreviewConfig.DEFAULT_MAX_SCANNED;

        public MessagingLimit getMessagingLimit() { return messagingLimit; }
        public void setMessagingLimit(MessagingLimit v) { messagingLimit = v; }
        public String getRateCard() { return rateCard; }
        public void setRateCard(String v) { rateCard = v; }
        public long getMaxScanned() { return maxScanned; }
        public void setMaxScanned(long v) { maxScanned = v; }

        void problems(List<String[]> out) {
            String p = PREFIX + ".preview.";
            if (messagingLimit == null) {
                out.add(new String[] {p + "messaging-limit", "is required"});
            }
            if (maxScanned < 1) {
                out.add(new String[] {p + "max-scanned", "must be positive, got " + maxScanned});
            }
            if (rateCard != null && rateCard.isBlank()) {
                out.add(new String[] {p + "rate-card", "must be a resource location such as classpath:rates.csv"});
            }
        }
    }

    /**
     * The console: server-rendered pages at the API's own paths (a browser asking for
     * {@code text/html} gets the page, an API client its JSON), under the same permissions.
     */
    public static class Ui {

        /** Whether the console's pages are served. */
        private boolean enabled = true;

        /**
         * Where a browser without a session is sent, relative to the context path: the host's
         * login page ({@code /login} is Spring Security's default form login).
         */
        private String loginPath = "/login";

        /** The page the console's "back to the CRM" link opens, relative to the context path. */
        private String homePath = "/";

        /**
         * Each user's own WhatsApp number for test sends ({@code POST /leads/whatsapp/campaigns/test-send}),
         * by user name: {@code leadreach.ui.test-recipients.maria=+15555550123}. Read by the default
         * {@code TestRecipientResolver}; a user without an entry cannot send tests (400
         * {@code no_test_recipient}).
         */
        private Map<String, String> testRecipients = new LinkedHashMap<>();

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public String getLoginPath() { return loginPath; }
        public void setLoginPath(String v) { loginPath = v; }
        public String getHomePath() { return homePath; }
        public void setHomePath(String v) { homePath = v; }
        public Map<String, String> getTestRecipients() { return testRecipients; }
        public void setTestRecipients(Map<String, String> v) { testRecipients = v; }

        void problems(String p, List<String[]> out) {
            for (String[] path : new String[][] {{"login-path", loginPath}, {"home-path", homePath}}) {
                if (path[1] == null || !path[1].startsWith("/") || path[1].startsWith("//")) {
                    out.add(new String[] {p + path[0], "must be a path starting with a single '/', such as /login"});
                }
            }
        }
    }

    /** The REST API. */
    public static class Web {

        /**
         * Whether the OpenAPI description ({@code springdoc.api-docs.path}, {@code /v3/api-docs} by
         * default) and the Swagger UI are open to anyone. Off by default: the host's own security
         * decides who may read them (Spring Boot's default asks for a login). Needs springdoc.
         */
        private boolean apiDocsPublic = false;

        public boolean isApiDocsPublic() { return apiDocsPublic; }
        public void setApiDocsPublic(boolean v) { apiDocsPublic = v; }
    }

    /**
     * The cluster-safe scheduler ({@code io.leadreach.jpa.DbSchedulerEngineScheduler}), used when
     * db-scheduler and {@code leadreach-persistence-jpa} are on the class path and there is a
     * DataSource; otherwise campaign ticks and jobs run in-process.
     */
    public static class Scheduler {

        /** Whether to run campaign ticks and recurring jobs on db-scheduler when a DataSource exists. */
        private boolean enabled = true;

        /**
         * Whether to create or upgrade LeadReach's tables at start-up; false turns off every schema
         * change, as {@code leadreach.initialize-schema=false} does (use that one).
         */
        private boolean initializeSchema = true;

        /** How often each node looks for due tasks; a scheduled campaign starts at most this late. */
        private Duration pollingInterval = Duration.ofSeconds(10);

        /** How often a running task's heartbeat is written. */
        private Duration heartbeatInterval = Duration.ofMinutes(1);

        /** Heartbeats a running task may miss before another node runs it again (at least 4). */
        private int missedHeartbeatsLimit = 6;

        /** Threads running tasks on each node (the tasks are short: sending runs on the work queue). */
        private int threads = 2;

        /** How long shutdown waits for running tasks. */
        private Duration shutdownMaxWait = Duration.ofSeconds(10);

        /** This node's name among the scheduler's nodes, at most 50 characters (default: the host name). */
        private String nodeName;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        @Deprecated
        @org.springframework.boot.context.properties.DeprecatedConfigurationProperty(
                replacement = "leadreach.initialize-schema",
                reason = "one switch for all of LeadReach's schema changes, not only the scheduler's")
        public boolean isInitializeSchema() { return initializeSchema; }
        @Deprecated
        public void setInitializeSchema(boolean v) { initializeSchema = v; }
        public Duration getPollingInterval() { return pollingInterval; }
        public void setPollingInterval(Duration v) { pollingInterval = v; }
        public Duration getHeartbeatInterval() { return heartbeatInterval; }
        public void setHeartbeatInterval(Duration v) { heartbeatInterval = v; }
        public int getMissedHeartbeatsLimit() { return missedHeartbeatsLimit; }
        public void setMissedHeartbeatsLimit(int v) { missedHeartbeatsLimit = v; }
        public int getThreads() { return threads; }
        public void setThreads(int v) { threads = v; }
        public Duration getShutdownMaxWait() { return shutdownMaxWait; }
        public void setShutdownMaxWait(Duration v) { shutdownMaxWait = v; }
        public String getNodeName() { return nodeName; }
        public void setNodeName(String v) { nodeName = v; }

        void problems(List<String[]> out) {
            String p = PREFIX + ".scheduler.";
            positive(out, p + "polling-interval", pollingInterval);
            positive(out, p + "heartbeat-interval", heartbeatInterval);
            positive(out, p + "shutdown-max-wait", shutdownMaxWait);
            positive(out, p + "threads", threads);
            if (missedHeartbeatsLimit < 4) {
                out.add(new String[] {p + "missed-heartbeats-limit", "must be at least 4, got " + missedHeartbeatsLimit});
            }
            if (nodeName != null && (nodeName.isBlank() || nodeName.length() > 50)) {
                out.add(new String[] {p + "node-name", "must have 1 to 50 characters, got '" + nodeName + "'"});
            }
        }
    }

    /** Follow-up automation ({@code LeadReach.automation()}). */
    public static class Automation {

        /** Whether the starter runs due automation rules by itself (off: call {@code runDue} yourself). */
        private boolean enabled = true;

        /**
         * How often due rules run (a recurring job on the engine's scheduler, so on one node at a
         * time with db-scheduler). A birthday or renewal fires at most this late.
         */
        private Duration interval = Duration.ofMinutes(15);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean v) { enabled = v; }
        public Duration getInterval() { return interval; }
        public void setInterval(Duration v) { interval = v; }

        void problems(List<String[]> out) {
            positive(out, PREFIX + ".automation.interval", interval);
        }
    }
}
