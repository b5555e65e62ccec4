package io.leadreach.sending;

import io.leadreach.internal.FieldErrors;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Engine-wide sending settings: the sender's rate, pacing per lead, quiet hours, batches, leases,
 * concurrency and the bulk-send limits.
 */
public final class SendingConfig {

    public static final int DEFAULT_SENDER_MESSAGES_PER_SECOND = 80;
    public static final Duration DEFAULT_LEAD_PACING = Duration.ofSeconds(6);
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final int DEFAULT_WORKERS = 2;
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("UTC");
    public static final int DEFAULT_SYNC_BULK_LIMIT = 10;
    public static final int DEFAULT_MAX_BULK_LEADS = 10_000;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final boolean DEFAULT_ENFORCE_SERVICE_WINDOW = true;
    /** WhatsApp's customer service window: free-form messages only this long after the lead last wrote. */
    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    private static final SendingConfig DEFAULTS = custom().build();

    private final int senderMessagesPerSecond;
    private final Duration leadPacing;
    private final SendWindow sendWindow;
    private final ZoneId defaultZone;
    private final int batchSize;
    private final Duration lease;
    private final Duration sendTimeout;
    private final int maxInFlight;
    private final int workers;
    private final int syncBulkLimit;
    private final int maxBulkLeads;
    private final Duration pollInterval;
    private final ThrottleConfig defaultThrottle;
    private final RetryPolicy defaultRetryPolicy;
    private final boolean enforceServiceWindow;

    private SendingConfig(Builder b) {
        this.senderMessagesPerSecond = b.senderMessagesPerSecond;
        this.leadPacing = b.leadPacing;
        this.sendWindow = b.sendWindow;
        this.defaultZone = b.defaultZone;
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.sendTimeout = b.sendTimeout;
        this.maxInFlight = b.maxInFlight;
        this.workers = b.workers;
        this.syncBulkLimit = b.syncBulkLimit;
        this.maxBulkLeads = b.maxBulkLeads;
        this.pollInterval = b.pollInterval;
        this.defaultThrottle = b.defaultThrottle;
        this.defaultRetryPolicy = b.defaultRetryPolicy;
        this.enforceServiceWindow = b.enforceServiceWindow;
    }

    public static SendingConfig ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** Messages a second the sender number may send (WhatsApp's default is 80, up to 1,000). */
    public int senderMessagesPerSecond() { return senderMessagesPerSecond; }

    /** The least time between two messages to one lead, across single, bulk and campaign sends; zero for none. */
    public Duration leadPacing() { return leadPacing; }

    /** Quiet hours, judged in each lead's time zone. */
    public SendWindow sendWindow() { return sendWindow; }

    /** The zone for leads whose time zone is unknown. */
    public ZoneId defaultZone() { return defaultZone; }

    /** Recipients claimed at a time. */
    public int batchSize() { return batchSize; }

    /** How long a claim is held before another runner may take the recipient over. */
    public Duration lease() { return lease; }

    /** How long a send may take before its outcome is deemed unknown. Shorter than the lease. */
    public Duration sendTimeout() { return sendTimeout; }

    /** Sends under way at once, across campaigns. */
    public int maxInFlight() { return maxInFlight; }

    /** Threads of the default work queue. */
    public int workers() { return workers; }

    /** A bulk send to at most this many leads is answered at once, per lead; a larger one becomes a job. */
    public int syncBulkLimit() { return syncBulkLimit; }

    /** The most leads one bulk send may name. */
    public int maxBulkLeads() { return maxBulkLeads; }

    /** How often the engine looks for due scheduled campaigns and expired leases. */
    public Duration pollInterval() { return pollInterval; }

    /** The throttle of campaigns (and bulk jobs) that name none. */
    public ThrottleConfig defaultThrottle() { return defaultThrottle; }

    /** The retry policy of campaigns (and bulk jobs) that name none. */
    public RetryPolicy defaultRetryPolicy() { return defaultRetryPolicy; }

    /**
     * Whether free-form text and media go only to leads who wrote within the last 24 hours
     * ({@link #SERVICE_WINDOW}); outside it a campaign sends its approved template binding, or skips
     * the lead as OUTSIDE_SERVICE_WINDOW, and a single send is refused. Default true, as WhatsApp
     * requires; turn it off only against a simulator or a provider that enforces nothing.
     */
    public boolean enforceServiceWindow() { return enforceServiceWindow; }

    /** The sender's token bucket. */
    public RateLimit senderRateLimit() {
        return RateLimit.perSecond(senderMessagesPerSecond);
    }

    /**
     * Builds a {@link SendingConfig}. {@link #build()} checks every setting and the rules between
     * them, and refuses them with one {@link io.leadreach.ValidationException} naming each at fault
     * by its method.
     */
    public static final class Builder {
        private int senderMessagesPerSecond = DEFAULT_SENDER_MESSAGES_PER_SECOND;
        private Duration leadPacing = DEFAULT_LEAD_PACING;
        private SendWindow sendWindow = SendWindow.ofDefaults();
        private ZoneId defaultZone = DEFAULT_ZONE;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration lease = DEFAULT_LEASE;
        private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int workers = DEFAULT_WORKERS;
        private int syncBulkLimit = DEFAULT_SYNC_BULK_LIMIT;
        private int maxBulkLeads = DEFAULT_MAX_BULK_LEADS;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private ThrottleConfig defaultThrottle = ThrottleConfig.ofDefaults();
        private RetryPolicy defaultRetryPolicy = RetryPolicy.ofDefaults();
        private boolean enforceServiceWindow = DEFAULT_ENFORCE_SERVICE_WINDOW;

        public Builder senderMessagesPerSecond(int v) {
            senderMessagesPerSecond = v;
            return this;
        }

        public Builder leadPacing(Duration v) {
            leadPacing = v;
            return this;
        }

        public Builder sendWindow(SendWindow v) {
            sendWindow = java.util.Objects.requireNonNull(v, "sendWindow");
            return this;
        }

        public Builder defaultZone(ZoneId v) {
            defaultZone = java.util.Objects.requireNonNull(v, "defaultZone");
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder lease(Duration v) {
            lease = v;
            return this;
        }

        public Builder sendTimeout(Duration v) {
            sendTimeout = v;
            return this;
        }

        public Builder maxInFlight(int v) {
            maxInFlight = v;
            return this;
        }

        public Builder workers(int v) {
            workers = v;
            return this;
        }

        public Builder syncBulkLimit(int v) {
            syncBulkLimit = v;
            return this;
        }

        public Builder maxBulkLeads(int v) {
            maxBulkLeads = v;
            return this;
        }

        public Builder pollInterval(Duration v) {
            pollInterval = v;
            return this;
        }

        public Builder defaultThrottle(ThrottleConfig v) {
            defaultThrottle = java.util.Objects.requireNonNull(v, "defaultThrottle");
            return this;
        }

        public Builder defaultRetryPolicy(RetryPolicy v) {
            defaultRetryPolicy = java.util.Objects.requireNonNull(v, "defaultRetryPolicy");
            return this;
        }

        /** Whether free-form messages go only inside the 24-hour service window (default true). */
        public Builder enforceServiceWindow(boolean v) {
            enforceServiceWindow = v;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws io.leadreach.ValidationException naming each setting at fault
         */
        public SendingConfig build() {
            FieldErrors errors = new FieldErrors()
                    .positive("senderMessagesPerSecond", senderMessagesPerSecond)
                    .check(leadPacing != null && !leadPacing.isNegative(), "leadPacing", "out_of_range",
                            "must be zero or positive, got " + leadPacing)
                    .positive("batchSize", batchSize)
                    .positive("lease", lease)
                    .positive("sendTimeout", sendTimeout)
                    .positive("maxInFlight", maxInFlight)
                    .positive("workers", workers)
                    .positive("syncBulkLimit", syncBulkLimit)
                    .positive("maxBulkLeads", maxBulkLeads)
                    .positive("pollInterval", pollInterval);
            if (!errors.has("lease") && !errors.has("sendTimeout")) {
                errors.check(sendTimeout.compareTo(lease) < 0, "sendTimeout", "out_of_range",
                        "(" + sendTimeout + ") must be shorter than the lease (" + lease + "), or a slow send"
                                + " could be taken over while it is still under way");
            }
            if (!errors.has("syncBulkLimit") && !errors.has("maxBulkLeads")) {
                errors.check(maxBulkLeads >= syncBulkLimit, "maxBulkLeads", "out_of_range",
                        "(" + maxBulkLeads + ") must not be below syncBulkLimit (" + syncBulkLimit + ")");
            }
            errors.throwIfAny();
            return new SendingConfig(this);
        }
    }
}
