package io.leadreach.spring;

import io.leadreach.metrics.EngineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * LeadReach's engine metrics on Micrometer:
 * <ul>
 *   <li>{@value #SENT} (counter): messages the provider accepted;</li>
 *   <li>{@value #FAILED} (counter, tag {@code reason}): sends that did not go through, by error
 *       class in lower case ({@code retryable}, {@code rate_limited}, {@code permanent}, ...) or
 *       {@code unknown};</li>
 *   <li>{@value #LATENCY} (timer, tag {@code outcome}: {@code sent} or {@code failed}): from the
 *       call to the provider to its answer;</li>
 *   <li>{@value #QUEUE_DEPTH} (gauge): campaign recipients waiting to be sent, over all ACTIVE
 *       campaigns (a store query at each scrape);</li>
 *   <li>{@value #WEBHOOK_EVENTS} (counter, tag {@code kind}: {@code status}, {@code inbound},
 *       {@code consent}, {@code template_status}): events handed to the tracker;</li>
 *   <li>{@value #ATTACHMENT_SCANS} (counter, tag {@code outcome}: {@code clean}, {@code infected},
 *       {@code refused}, {@code unscanned}): attachments the virus scanner was asked about;
 *       {@code unscanned} counts files accepted without a scan under best-effort.</li>
 * </ul>
 */
public final class MicrometerEngineObserver implements EngineObserver {

    /** Counter of accepted sends. */
    public static final String SENT = "leadreach.messages.sent";
    /** Counter of failed sends, tagged {@code reason}. */
    public static final String FAILED = "leadreach.messages.failed";
    /** Timer of send latency, tagged {@code outcome}. */
    public static final String LATENCY = "leadreach.send.latency";
    /** Gauge of recipients waiting in ACTIVE campaigns. */
    public static final String QUEUE_DEPTH = "leadreach.queue.depth";
    /** Counter of tracking events, tagged {@code kind}. */
    public static final String WEBHOOK_EVENTS = "leadreach.webhook.events";
    /** Counter of attachment virus scans, tagged {@code outcome}. */
    public static final String ATTACHMENT_SCANS = "leadreach.attachments.scans";

    private final MeterRegistry registry;
    private final Counter sent;
    private final Timer sentLatency;
    private final Timer failedLatency;
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Counter> scans = new ConcurrentHashMap<>();

    /** Registers the meters in this registry (the per-reason and per-kind ones when first seen). */
    public MicrometerEngineObserver(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sent = Counter.builder(SENT).description("WhatsApp messages the provider accepted").register(registry);
        this.sentLatency = latency("sent");
        this.failedLatency = latency("failed");
    }

    private Timer latency(String outcome) {
        return Timer.builder(LATENCY).description("Time from a send to the provider's answer")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    public void onSent(Duration latency) {
        sent.increment();
        sentLatency.record(latency);
    }

    @Override
    public void onFailed(String reason, Duration latency) {
        failed.computeIfAbsent(reason, r -> Counter.builder(FAILED)
                .description("WhatsApp sends that did not go through, by reason").tag("reason", r)
                .register(registry)).increment();
        failedLatency.record(latency);
    }

    @Override
    public void onWebhookEvent(String kind) {
        events.computeIfAbsent(kind, k -> Counter.builder(WEBHOOK_EVENTS)
                .description("Tracking events received, by kind").tag("kind", k).register(registry)).increment();
    }

    @Override
    public void onAttachmentScan(String outcome) {
        scans.computeIfAbsent(outcome, o -> Counter.builder(ATTACHMENT_SCANS)
                .description("Attachments the virus scanner was asked about, by outcome").tag("outcome", o)
                .register(registry)).increment();
    }

    @Override
    public void bindQueueDepth(LongSupplier depth) {
        Gauge.builder(QUEUE_DEPTH, depth, d -> (double) d.getAsLong())
                .description("Campaign recipients waiting to be sent in ACTIVE campaigns")
                .strongReference(true).register(registry);
    }
}
