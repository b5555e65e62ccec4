package io.leadreach;

import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.ConsentStore;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryAttachmentStore;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryConsentStore;
import io.leadreach.memory.InMemoryConversationStore;
import io.leadreach.memory.InMemoryLeadActivitySink;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.message.MessageStore;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.Tracking;
import io.leadreach.transport.WhatsAppTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A LeadReach on in-memory stores, a recording transport, a clock that stands still and a work
 * queue the test drives: background work is deterministic and nothing sleeps.
 */
public final class Fixture implements AutoCloseable {

    /** Monday noon UTC: outside default quiet hours. */
    public static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

    public static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    public final MutableClock clock;
    public final ManualWorkQueue queue;
    public final RecordingTransport transport;
    public final InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
    public final CampaignStore campaigns;
    public final MessageStore messages;
    public final ConsentStore consent;
    public final InMemoryAttachmentStore attachments = new InMemoryAttachmentStore();
    public final RateLimiter limiter;
    public final InMemoryConversationStore conversations = new InMemoryConversationStore();
    public final InMemoryLeadActivitySink activity = new InMemoryLeadActivitySink();
    public final LeadReach leadReach;

    public Fixture() {
        this(UnaryOperator.identity());
    }

    public Fixture(UnaryOperator<SendingConfig.Builder> config) {
        this(new MutableClock(NOON), new RecordingTransport(), new InMemoryCampaignStore(), new InMemoryMessageStore(),
                new InMemoryConsentStore(), null, config, "node-1", null);
    }

    private Fixture(MutableClock clock, RecordingTransport transport, CampaignStore campaigns, MessageStore messages,
                    ConsentStore consent, RateLimiter limiter, UnaryOperator<SendingConfig.Builder> config,
                    String nodeId, WhatsAppTransport transportOverride) {
        this(clock, transport, campaigns, messages, consent, limiter, config, nodeId, transportOverride, List.of());
    }

    private Fixture(MutableClock clock, RecordingTransport transport, CampaignStore campaigns, MessageStore messages,
                    ConsentStore consent, RateLimiter limiter, UnaryOperator<SendingConfig.Builder> config,
                    String nodeId, WhatsAppTransport transportOverride, List<SenderNumber> senders) {
        this.clock = clock;
        this.queue = new ManualWorkQueue(clock);
        this.transport = transport;
        this.campaigns = campaigns;
        this.messages = messages;
        this.consent = consent;
        this.limiter = limiter != null ? limiter : new InMemoryRateLimiter(clock);
        this.leadReach = LeadReach.builder()
                .clock(clock)
                .transport(transportOverride != null ? transportOverride : transport)
                .leadDirectory(leads)
                .campaignStore(campaigns)
                .messageStore(messages)
                .consentStore(consent)
                .attachmentStore(attachments)
                .rateLimiter(this.limiter)
                .workQueue(queue)
                .conversationStore(conversations)
                .leadActivitySink(activity)
                // Most engine tests are about throttles, retries and crashes, not the 24-hour window:
                // it is off unless a test turns it on (ServiceWindowTest does).
                .sending(config.apply(SendingConfig.custom().enforceServiceWindow(false)).build())
                .nodeId(nodeId)
                .senderNumbers(senders)
                .autoStart(false)
                .build();
    }

    /**
     * A second node (a new process after a crash, or another server) sharing this one's stores,
     * clock, limiter and leads, sending through {@code otherTransport}.
     */
    public Fixture secondNode(String nodeId, RecordingTransport otherTransport,
                              UnaryOperator<SendingConfig.Builder> config) {
        Fixture other = new Fixture(clock, otherTransport, campaigns, messages, consent, limiter, config, nodeId, null);
        other.leads.putAll(leads.findByIds(java.util.stream.LongStream.rangeClosed(1, 100_000).boxed().toList()));
        return other;
    }

    /** A fixture whose engine sends through this transport instead of the recording one. */
    public static Fixture withTransport(WhatsAppTransport t, UnaryOperator<SendingConfig.Builder> config) {
        return new Fixture(new MutableClock(NOON), new RecordingTransport(), new InMemoryCampaignStore(),
                new InMemoryMessageStore(), new InMemoryConsentStore(), null, config, "node-1", t);
    }

    /** A fixture whose engine sends from these numbers through this transport (a routing one, usually). */
    public static Fixture withSenders(WhatsAppTransport t, List<SenderNumber> senders,
                                      UnaryOperator<SendingConfig.Builder> config) {
        return new Fixture(new MutableClock(NOON), new RecordingTransport(), new InMemoryCampaignStore(),
                new InMemoryMessageStore(), new InMemoryConsentStore(), null, config, "node-1", t, senders);
    }

    /** A fixture whose engine keeps campaigns and recipients in this store. */
    public static Fixture withCampaignStore(CampaignStore campaigns, UnaryOperator<SendingConfig.Builder> config) {
        return new Fixture(new MutableClock(NOON), new RecordingTransport(), campaigns, new InMemoryMessageStore(),
                new InMemoryConsentStore(), null, config, "node-1", null);
    }

    /** A fixture whose engine keeps campaigns in this store and sends through this transport. */
    public static Fixture with(CampaignStore campaigns, WhatsAppTransport t, UnaryOperator<SendingConfig.Builder> config) {
        return new Fixture(new MutableClock(NOON), new RecordingTransport(), campaigns, new InMemoryMessageStore(),
                new InMemoryConsentStore(), null, config, "node-1", t);
    }

    /** A fixture whose engine logs messages in this store. */
    public static Fixture withMessageStore(MessageStore messages) {
        return new Fixture(new MutableClock(NOON), new RecordingTransport(), new InMemoryCampaignStore(), messages,
                new InMemoryConsentStore(), null, UnaryOperator.identity(), "node-1", null);
    }

    public LeadWhatsAppService service() {
        return leadReach.service();
    }

    /** A test number libphonenumber accepts (the US example range 201-555-01xx, and on). */
    public static String mobile(long n) {
        return String.format("+1201555%04d", n);
    }

    /** Adds leads 1..n with valid numbers, named "Lead i". */
    public Fixture withLeads(int n) {
        for (int i = 1; i <= n; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(mobile(i)).status("new").source("web")
                    .createdAt(NOON.minus(Duration.ofDays(30))).build());
        }
        return this;
    }

    /** The tracker that applies status events and inbound messages. */
    public Tracking tracker() {
        return leadReach.tracker();
    }

    private long inboundIds;

    /** Lead {@code n} (of {@link #withLeads}) writes {@code text} now; the tracker applies it. */
    public Tracking.Outcome inbound(long n, String text) {
        return tracker().apply(new InboundReply(mobile(n), "wamid.in-" + (++inboundIds), text, null, null, "text",
                null, clock.instant()));
    }

    /** Runs the background work due now, again and again, without moving the clock. */
    public int runDue() {
        return queue.runDue();
    }

    /**
     * Runs background work and moves the clock to each next due task, until nothing is left or
     * {@code horizon} has passed; the clock then stands at the horizon. Returns the time reached.
     */
    public Instant runFor(Duration horizon) {
        Instant end = clock.instant().plus(horizon);
        while (true) {
            queue.runDue();
            Optional<Instant> next = queue.nextDue();
            if (next.isEmpty() || next.get().isAfter(end)) {
                clock.set(end);
                queue.runDue();
                return clock.instant();
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
        }
    }

    @Override
    public void close() {
        leadReach.close();
    }
}
