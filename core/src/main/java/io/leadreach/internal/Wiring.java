package io.leadreach.internal;

import io.leadreach.attachment.AttachmentStore;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.ConsentStore;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.message.MessageStore;
import io.leadreach.metrics.EngineObserver;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.sending.SendingConfig;
import io.leadreach.sending.WorkQueue;
import io.leadreach.sending.WorkQueueScheduler;
import io.leadreach.template.TemplateRenderer;
import io.leadreach.template.TemplateStore;
import io.leadreach.tracking.ConversationStore;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.WhatsAppTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring of one {@link io.leadreach.LeadReach}: the ports it was given or defaulted (stores,
 * transport, rate limiter, work queue, scheduler, observer) and its settings, assembled once by
 * {@link io.leadreach.LeadReach.Builder} and shared by the services, the runner and the tracker.
 * Not API: hosts get what they need by name from {@code LeadReach} ({@code consent()},
 * {@code tracker()}, {@code sending()}, ...); the implementation reaches it by {@link Access#wiring}.
 */
public record Wiring(Clock clock, SendingConfig config, LeadDirectory leads, ConsentStore consent,
                     MessageStore messages, TemplateStore templates, CampaignStore campaigns,
                     AttachmentStore attachments, RateLimiter rateLimiter, WorkQueue workQueue,
                     WhatsAppTransport transport, PhoneNumbers phones, TemplateRenderer renderer, String nodeId,
                     ConversationStore conversations, EngineScheduler scheduler, EngineObserver observer,
                     TemplateCategories categories, SenderNumbers senders) {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    /**
     * An engine whose coarse work runs on the work queue, whom nobody observes, and that knows no
     * provider templates (template categories are assumed from the library's).
     */
    public Wiring(Clock clock, SendingConfig config, LeadDirectory leads, ConsentStore consent,
                  MessageStore messages, TemplateStore templates, CampaignStore campaigns,
                  AttachmentStore attachments, RateLimiter rateLimiter, WorkQueue workQueue,
                  WhatsAppTransport transport, PhoneNumbers phones, TemplateRenderer renderer, String nodeId,
                  ConversationStore conversations) {
        this(clock, config, leads, consent, messages, templates, campaigns, attachments, rateLimiter, workQueue,
                transport, phones, renderer, nodeId, conversations, new WorkQueueScheduler(workQueue, clock),
                EngineObserver.NOOP, TemplateCategories.NONE, SenderNumbers.of(SenderNumber.of(transport.senderId())));
    }

    public Wiring {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(leads, "leads");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(templates, "templates");
        Objects.requireNonNull(campaigns, "campaigns");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(workQueue, "workQueue");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(phones, "phones");
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(categories, "categories");
        Objects.requireNonNull(senders, "senders");
    }

    /**
     * Hands a message to the transport and tells the observer the outcome and latency (a send
     * without an answer within {@link SendingConfig#sendTimeout()} is reported as unknown; the
     * caller's own timeout handling is untouched). A transport that throws is reported and the
     * exception rethrown.
     */
    public CompletionStage<SendOutcome> send(OutboundMessage message) {
        if (observer == EngineObserver.NOOP) {
            return transport.send(message);
        }
        long started = System.nanoTime(); // a duration, not a time of day: the monotonic clock
        CompletionStage<SendOutcome> stage;
        try {
            stage = transport.send(message);
        } catch (RuntimeException e) {
            observe(null, e, started);
            throw e;
        }
        stage.toCompletableFuture().copy()
                .orTimeout(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcome, error) -> observe(outcome, error, started));
        return stage;
    }

    private void observe(SendOutcome outcome, Throwable error, long started) {
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        try {
            if (outcome instanceof SendOutcome.Accepted) {
                observer.onSent(latency);
            } else if (outcome instanceof SendOutcome.Rejected r) {
                observer.onFailed(r.errorClass().name().toLowerCase(Locale.ROOT), latency);
            } else {
                observer.onFailed(EngineObserver.REASON_UNKNOWN, latency);
            }
        } catch (RuntimeException e) {
            log.warn("engine observer failed", e);
        }
    }

    /** Tells the observer a tracking event of this kind arrived; never throws. */
    public void observeWebhookEvent(String kind) {
        try {
            observer.onWebhookEvent(kind);
        } catch (RuntimeException e) {
            log.warn("engine observer failed", e);
        }
    }

    /**
     * Whether a free-form message may go from this business number to this number now: the
     * service-window rule is off, or the number wrote to that business number within the last 24 hours.
     */
    public boolean inServiceWindow(String senderId, String e164, java.time.Instant now) {
        if (!config.enforceServiceWindow()) {
            return true;
        }
        return conversations.lastInboundAt(senderId, e164)
                .map(last -> now.isBefore(last.plus(SendingConfig.SERVICE_WINDOW)))
                .orElse(false);
    }

    /** The attachment as a file the transport can read. */
    public MediaFile mediaFile(StoredAttachment attachment) {
        return new MediaFile(attachment, () -> attachments.open(attachment.id()));
    }

    /** The default sender number: single, bulk and test sends go from it, and campaigns that name none. */
    public SenderNumber defaultSender() {
        return senders.defaultNumber();
    }

    /**
     * The number a single send to this number goes from: the registered number it last wrote to,
     * when that was inside the 24-hour service window (the window is kept per number, so a reply
     * goes where the conversation is), else the default number. A window that counts for every
     * number (one recorded before numbers were kept) chooses the default number.
     */
    public SenderNumber replyNumberFor(String e164, Instant now) {
        SenderNumber chosen = senders.defaultNumber();
        if (e164 == null || senders.all().size() == 1) {
            return chosen;
        }
        Instant latest = null;
        for (SenderNumber n : senders.all()) { // the default number first: a tie keeps it
            Optional<Instant> at = conversations.lastInboundAt(n.id(), e164);
            if (at.isPresent() && now.isBefore(at.get().plus(SendingConfig.SERVICE_WINDOW))
                    && (latest == null || at.get().isAfter(latest))) {
                chosen = n;
                latest = at.get();
            }
        }
        return chosen;
    }

    /** The number a campaign sends to this lead from. */
    public SenderNumber senderFor(Campaign c, long leadId) {
        return senders.pick(c.senderNumbers(), leadId);
    }

    /** The id of the number a campaign sends to this lead from, or null when its numbers are not all registered. */
    public String senderIdFor(Campaign c, long leadId) {
        return senders.unknown(c.senderNumbers()).isEmpty() ? senders.pick(c.senderNumbers(), leadId).id() : null;
    }

    /** The numbers a campaign sends from: its pool, or the default number. */
    public List<SenderNumber> sendersOf(Campaign c) {
        if (c.senderNumbers().isEmpty()) {
            return List.of(senders.defaultNumber());
        }
        List<SenderNumber> out = new ArrayList<>(c.senderNumbers().size());
        for (String id : c.senderNumbers()) {
            out.add(senders.find(id).orElseThrow(() -> new IllegalStateException(
                    "campaign " + c.id() + " sends from number " + id + ", which is not registered")));
        }
        return out;
    }

    /**
     * The template's binding when it may be sent from at least one of these numbers (their WABAs'
     * statuses, {@link io.leadreach.template.WhatsAppTemplateBinding#usableIn(String)}; no numbers:
     * the default one), else null: what a campaign, a single or a test send takes to send outside
     * the 24-hour window. Numbers that are not registered count as of an unknown WABA.
     */
    public io.leadreach.template.WhatsAppTemplateBinding usableBinding(io.leadreach.template.MessageTemplate t,
                                                                       List<String> numberIds) {
        io.leadreach.template.WhatsAppTemplateBinding b = t == null ? null : t.binding();
        if (b == null) {
            return null;
        }
        if (numberIds == null || numberIds.isEmpty()) {
            return b.usableIn(senders.defaultNumber().wabaId()) ? b : null;
        }
        for (String id : numberIds) {
            if (b.usableIn(senders.find(id).map(SenderNumber::wabaId).orElse(null))) {
                return b;
            }
        }
        return null;
    }

    /** The key of a sender number's token bucket. */
    public static String senderKey(SenderNumber n) {
        return "sender:" + n.id();
    }

    /** A sender number's rate: its own, or the engine's sender rate. */
    public RateLimit senderLimit(SenderNumber n) {
        return n.rate() != null ? n.rate() : config.senderRateLimit();
    }

    /**
     * The key of a lead's pacing bucket on one sender number: WhatsApp's pair rate is per business
     * number and recipient, so two numbers may each write to a lead within the pacing interval.
     */
    public static String leadKey(String senderId, long leadId) {
        return "lead:" + senderId + ":" + leadId;
    }

    /** The key of a campaign's token bucket. */
    public static String campaignKey(long campaignId) {
        return "campaign:" + campaignId;
    }
}
