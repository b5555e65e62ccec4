package io.leadreach.tracking;

import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignRunner;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.Settlement;
import io.leadreach.internal.Access;
import io.leadreach.internal.CorrelationIds;
import io.leadreach.internal.Wiring;
import io.leadreach.lead.Lead;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what providers report after the fact (usually by webhook) to the library's state: the
 * one entry point for hosts and webhook endpoints ({@link #apply(List)}).
 *
 * <ul>
 *   <li>{@link DeliveryEvent}: moves the message (by provider id) and the campaign recipient (by
 *       correlation id, or the message's own) forward: SENT, DELIVERED, READ, or FAILED with its
 *       error. Idempotent and monotonic: a repeat or an older report changes nothing. A recipient
 *       still IN_DOUBT or SENDING is settled first ({@link CampaignRunner#settle}); a single send
 *       whose outcome was unknown gets its provider id. A failure with error 131050 records an
 *       opt-out.</li>
 *   <li>{@link InboundReply}: records the number's last inbound time (the 24-hour window), reads
 *       stop and start keywords and the opt-out button, matches the lead by number, attributes the
 *       reply to the message it answers (its context, else the latest message to that number within
 *       {@link TrackingConfig#attributionWindow()}), marks the campaign recipient as replied
 *       ({@link io.leadreach.campaign.CampaignStore#recordReply}) and hands it to the {@link LeadActivitySink}.
 *       A number shared by several leads is not guessed at: no lead gets the reply (it is counted
 *       as ambiguous), while the window and consent, which belong to the number, are still recorded.</li>
 *   <li>{@link ConsentChange}: records the opt-out or opt-in.</li>
 *   <li>{@link TemplateStatusChange}: sets the provider status of every library template whose
 *       binding names that provider template (and language, when the event gives one), through
 *       {@link io.leadreach.template.TemplateStore#updateBindingStatus}, for the WABA the event
 *       names ({@link TemplateStatusChange#wabaId()}) or, when it names none, as the status without
 *       a WABA; an older report than the status held (for that WABA) changes nothing. A binding that
 *       is not APPROVED for a number's WABA is not sent from that number
 *       ({@link io.leadreach.template.WhatsAppTemplateBinding#usableIn(String)}), nor used by new
 *       campaigns none of whose numbers may send it. A status for a provider template no library
 *       template binds is counted as unknown.</li>
 * </ul>
 * Bad input never throws: events for unknown ids, repeats, stale events and unmatched replies are
 * counted ({@link #statistics()}) and logged at debug; an event dropped for its age or for a number
 * that is not valid is logged at warn. Opt-outs are never dropped: a stop keyword, an opt-out
 * button or a stop event is recorded whatever its age ({@link TrackingConfig#maxEventAge()} limits
 * the other events), and by the number as the provider gave it when it is not a valid one. (Status words a provider sends that this
 * library does not know never become events: the webhook parser counts and drops them.) Thread-safe; the stores' atomic updates keep
 * concurrent deliveries of the same event harmless.
 */
public final class DeliveryTracker implements Tracking {

    private static final Logger log = LoggerFactory.getLogger(DeliveryTracker.class);
    /** The Cloud API's "user stopped marketing messages" error. */
    static final String ERROR_USER_STOPPED = "131050";

    private final Wiring engine;
    private final CampaignRunner runner;
    private final LeadActivitySink sink;
    private final TrackingConfig config;
    private final ReplyStore replies;

    private final LongAdder received = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder ambiguous = new LongAdder();
    private final LongAdder settled = new LongAdder();
    private final LongAdder optOuts = new LongAdder();
    private final LongAdder optIns = new LongAdder();

    static {
        Access.register((Access.OfTracker) DeliveryTracker::new);
    }

    /**
     * A tracker that records every reply matched to a lead in {@code replies} (null: none) before
     * handing it to the sink. Made by {@link Access#newTracker}: the wiring is not API.
     */
    DeliveryTracker(Wiring engine, CampaignRunner runner, LeadActivitySink sink, TrackingConfig config,
                           ReplyStore replies) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.config = Objects.requireNonNull(config, "config");
        this.replies = replies;
    }

    /**
     * Applies events in order, as one webhook delivery holds them; never throws for bad events.
     * The outcome and the counts are those of {@link #apply(TrackingEvent)} for each event in turn,
     * with fewer store calls: the status events' messages and recipients are read in one call each
     * ({@link io.leadreach.message.MessageStore#findByProviderMessageIds},
     * {@link io.leadreach.campaign.CampaignStore#findRecipientsByCorrelationIds}), and the common
     * case (a known message, a recipient already sent, no opt-out) is written in one call each
     * ({@link io.leadreach.message.MessageStore#advanceAll}, {@link io.leadreach.campaign.CampaignStore#advanceAll}).
     * Every other event goes through {@link #apply(TrackingEvent)}; the events of one message are
     * applied in the order given.
     */
    @Override
    public void apply(List<? extends TrackingEvent> events) {
        if (events.size() < 2) {
            for (TrackingEvent e : events) {
                apply(e);
            }
            return;
        }
        new StatusBatch(events).run();
    }

    /** Counts an event received and tells the observer its kind. */
    private void receive(TrackingEvent event) {
        received.increment();
        engine.observeWebhookEvent(event instanceof DeliveryEvent ? "status" : event instanceof InboundReply ? "inbound"
                : event instanceof ConsentChange ? "consent" : "template_status");
    }

    /** Whether the event is older than {@link TrackingConfig#maxEventAge()}. */
    private boolean isStale(TrackingEvent event) {
        return event.timestamp().isBefore(engine.clock().instant().minus(config.maxEventAge()));
    }

    /** Applies one event and says what came of it. */
    @Override
    public Outcome apply(TrackingEvent event) {
        Objects.requireNonNull(event, "event");
        receive(event);
        Outcome outcome;
        boolean stale = isStale(event);
        if (stale && isOptOut(event)) {
            // An opt-out is the user's instruction whatever its age: recorded, never dropped.
            log.warn("recording an opt-out from {}, older than {}: {}", event.timestamp(), config.maxEventAge(), event);
            outcome = applyOptOut(event instanceof ConsentChange c ? c.mobile() : ((InboundReply) event).from(),
                    optOutSource(event), event.timestamp());
        } else if (stale) {
            log.warn("dropping an event from {}, older than {}: {}", event.timestamp(), config.maxEventAge(), event);
            outcome = Outcome.STALE;
        } else if (event instanceof DeliveryEvent d) {
            outcome = applyStatus(d);
        } else if (event instanceof InboundReply r) {
            outcome = applyInbound(r);
        } else if (event instanceof ConsentChange c) {
            outcome = applyConsent(c);
        } else {
            outcome = applyTemplateStatus((TemplateStatusChange) event);
        }
        count(outcome);
        return outcome;
    }

    /**
     * The counts so far, for a user who may see campaigns: needs
     * {@link Permission#CAMPAIGN_VIEW}.
     */
    @Override
    public TrackingStatistics statistics(Actor actor) {
        actor.require(Permission.CAMPAIGN_VIEW);
        return statistics();
    }

    /** The counts so far. */
    @Override
    public TrackingStatistics statistics() {
        return new TrackingStatistics(received.sum(), applied.sum(), duplicates.sum(), unknown.sum(), stale.sum(),
                unmatched.sum(), ambiguous.sum(), settled.sum(), optOuts.sum(), optIns.sum());
    }

    /** The settings in use. */
    @Override
    public TrackingConfig config() {
        return config;
    }

    private void count(Outcome outcome) {
        switch (outcome) {
            case APPLIED: applied.increment(); break;
            case DUPLICATE: duplicates.increment(); break;
            case UNKNOWN: unknown.increment(); break;
            case STALE: stale.increment(); break;
            case UNMATCHED: unmatched.increment(); break;
            default: ambiguous.increment(); break;
        }
    }

    // ---------------------------------------------------------------- status events

    private Outcome applyStatus(DeliveryEvent e) {
        MessageStatus status = messageStatus(e.status());
        boolean known = false;
        boolean changed = false;
        String correlationId = e.correlationId();
        String mobile = null;

        Optional<LeadMessage> message = engine.messages().findByProviderMessageId(e.providerMessageId());
        boolean reissued = false;
        if (message.isPresent() && correlationId != null && message.get().correlationId() != null
                && !correlationId.equals(message.get().correlationId())) {
            // The provider issued this id again (a restarted simulator): the event echoes another
            // send's correlation id, so it is not about the message that held the id before.
            log.warn("status {} for provider id {} echoes correlation {}, but message {} holding that id has {}:"
                            + " not applied to it", e.status(), e.providerMessageId(), correlationId,
                    message.get().id(), message.get().correlationId());
            message = Optional.empty();
            reissued = true;
        }
        if (message.isPresent()) {
            known = true;
            mobile = message.get().mobile();
            if (correlationId == null) {
                correlationId = message.get().correlationId();
            }
            changed |= engine.messages().advance(e.providerMessageId(), status, e.timestamp(), e.errorCode(),
                    e.errorMessage());
        } else if (CorrelationIds.isMessage(correlationId)) {
            Optional<LeadMessage> single = engine.messages().findByCorrelationId(correlationId);
            if (single.isPresent()) {
                known = true;
                mobile = single.get().mobile();
                if (reissued && single.get().providerMessageId() == null) {
                    engine.messages().releaseProviderId(e.providerMessageId(), correlationId);
                }
                changed |= engine.messages().resolve(correlationId, e.providerMessageId(), status, e.timestamp(),
                        e.errorCode(), e.errorMessage());
            }
        }

        if (CorrelationIds.isRecipient(correlationId)) {
            Optional<CampaignRecipient> recipient = engine.campaigns().findRecipientByCorrelationId(correlationId);
            if (recipient.isPresent()) {
                known = true;
                changed |= applyToRecipient(recipient.get(), correlationId, e, status);
                if (mobile == null) {
                    mobile = engine.leads().findById(recipient.get().leadId()).map(Lead::mobile)
                            .flatMap(engine.phones()::tryE164).orElse(null);
                }
            }
        }

        if (!known) {
            log.debug("status {} for unknown message {} (correlation {})", e.status(), e.providerMessageId(),
                    e.correlationId());
            return Outcome.UNKNOWN;
        }
        if (e.status() == DeliveryStatus.FAILED && ERROR_USER_STOPPED.equals(e.errorCode())) {
            String number = mobile != null ? mobile
                    : e.recipient() == null ? null : engine.phones().tryE164(e.recipient()).orElse(null);
            if (number != null && !engine.consent().isOptedOut(number)) {
                engine.consent().optOut(number, "error-" + ERROR_USER_STOPPED, e.timestamp());
                optOuts.increment();
                changed = true;
            }
        }
        if (!changed) {
            log.debug("status {} for message {} changed nothing (repeat or out of order)", e.status(),
                    e.providerMessageId());
        }
        return changed ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    /**
     * One list of events applied together. Status events whose message (and recipient) were read
     * ahead and need no more than the two monotonic moves wait in {@link #pending}, to be written
     * in one call per store; any other event is applied at once through {@link #apply(TrackingEvent)},
     * after the pending moves of its message or correlation id (an inbound reply after all of them:
     * which message it answers depends on their statuses), and a status event marks those ids so
     * that their later events follow it there (what it did may have changed what was read ahead).
     */
    private final class StatusBatch {
        private final List<? extends TrackingEvent> events;
        private final Map<String, LeadMessage> messages;
        private final Map<String, CampaignRecipient> recipients;
        private final Set<String> singly = new HashSet<>();
        private final Set<String> pendingIds = new HashSet<>();
        private final List<DeliveryEvent> pending = new ArrayList<>();
        private final List<io.leadreach.message.MessageStore.Advance> messageMoves = new ArrayList<>();
        private final List<io.leadreach.campaign.CampaignStore.Advance> recipientMoves = new ArrayList<>();
        /** For each pending event, the index of its recipient move, or -1. */
        private final List<Integer> recipientMoveOf = new ArrayList<>();

        StatusBatch(List<? extends TrackingEvent> events) {
            this.events = events;
            Set<String> wamids = new LinkedHashSet<>();
            for (TrackingEvent e : events) {
                if (e instanceof DeliveryEvent d) {
                    wamids.add(d.providerMessageId());
                }
            }
            messages = wamids.isEmpty() ? Map.of() : engine.messages().findByProviderMessageIds(wamids);
            Set<String> correlations = new LinkedHashSet<>();
            for (TrackingEvent e : events) {
                if (e instanceof DeliveryEvent d && CorrelationIds.isRecipient(correlationOf(d))) {
                    correlations.add(correlationOf(d));
                }
            }
            recipients = correlations.isEmpty() ? Map.of()
                    : engine.campaigns().findRecipientsByCorrelationIds(correlations);
        }

        /** The correlation id the event is about: its own, else its message's. */
        private String correlationOf(DeliveryEvent d) {
            LeadMessage m = messages.get(d.providerMessageId());
            return d.correlationId() != null || m == null ? d.correlationId() : m.correlationId();
        }

        void run() {
            for (TrackingEvent e : events) {
                Objects.requireNonNull(e, "event");
                if (!(e instanceof DeliveryEvent d) || !tryBatch(d)) {
                    if (e instanceof DeliveryEvent d) {
                        List<String> ids = java.util.Arrays.asList(d.providerMessageId(), d.correlationId(),
                                correlationOf(d));
                        if (ids.stream().anyMatch(pendingIds::contains)) {
                            flush();
                        }
                        ids.stream().filter(Objects::nonNull).forEach(singly::add);
                    } else if (e instanceof InboundReply) {
                        flush(); // a reply is attributed to a message by its status
                    }
                    apply(e);
                }
            }
            flush();
        }

        /** Counts and queues (or answers) the event when it needs no more than the batch; false to apply it singly. */
        private boolean tryBatch(DeliveryEvent d) {
            String wamid = d.providerMessageId();
            String correlationId = correlationOf(d);
            if (singly.contains(wamid) || (correlationId != null && singly.contains(correlationId))
                    || isStale(d)) {
                return false;
            }
            LeadMessage m = messages.get(wamid);
            CampaignRecipient r = CorrelationIds.isRecipient(correlationId) ? recipients.get(correlationId) : null;
            if (m == null) {
                if (correlationId != null && (!CorrelationIds.isRecipient(correlationId) || r != null)) {
                    return false; // a single send to resolve, or a recipient without its message
                }
                receive(d);
                log.debug("status {} for unknown message {} (correlation {})", d.status(), wamid, d.correlationId());
                count(Outcome.UNKNOWN);
                return true;
            }
            if ((d.correlationId() != null && m.correlationId() != null && !d.correlationId().equals(m.correlationId()))
                    || (r != null && (r.status() == RecipientStatus.IN_DOUBT || r.status() == RecipientStatus.SENDING))
                    || (d.status() == DeliveryStatus.FAILED && ERROR_USER_STOPPED.equals(d.errorCode()))) {
                return false; // a reissued id, a recipient to settle, an opt-out
            }
            receive(d);
            pending.add(d);
            pendingIds.add(wamid);
            messageMoves.add(new io.leadreach.message.MessageStore.Advance(wamid, messageStatus(d.status()),
                    d.timestamp(), d.errorCode(), d.errorMessage()));
            RecipientStatus target = recipientStatus(d.status());
            if (r != null && target != RecipientStatus.SENT) {
                pendingIds.add(correlationId);
                recipientMoveOf.add(recipientMoves.size());
                recipientMoves.add(new io.leadreach.campaign.CampaignStore.Advance(correlationId, target,
                        d.timestamp(), d.errorCode(), d.errorMessage()));
            } else {
                recipientMoveOf.add(-1);
            }
            return true;
        }

        /** Writes the pending moves, one call per store, and counts their outcomes. */
        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Boolean> messageChanged = engine.messages().advanceAll(messageMoves);
            List<Boolean> recipientChanged = recipientMoves.isEmpty() ? List.of()
                    : engine.campaigns().advanceAll(recipientMoves);
            for (int i = 0; i < pending.size(); i++) {
                int move = recipientMoveOf.get(i);
                boolean changed = messageChanged.get(i) || (move >= 0 && recipientChanged.get(move));
                if (!changed) {
                    log.debug("status {} for message {} changed nothing (repeat or out of order)",
                            pending.get(i).status(), pending.get(i).providerMessageId());
                }
                count(changed ? Outcome.APPLIED : Outcome.DUPLICATE);
            }
            pending.clear();
            pendingIds.clear();
            messageMoves.clear();
            recipientMoves.clear();
            recipientMoveOf.clear();
        }
    }

    private boolean applyToRecipient(CampaignRecipient r, String correlationId, DeliveryEvent e,
                                     MessageStatus status) {
        boolean changed = false;
        if (r.status() == RecipientStatus.IN_DOUBT || r.status() == RecipientStatus.SENDING) {
            Settlement settlement = e.status() == DeliveryStatus.FAILED
                    ? new Settlement.Failed(e.errorCode(), e.errorMessage(), false)
                    : new Settlement.Sent(e.providerMessageId(), e.timestamp());
            if (runner.settle(correlationId, settlement).isPresent()) {
                settled.increment();
                changed = true;
                log.debug("settled {} from a {} status event", correlationId, e.status());
                if (e.status() == DeliveryStatus.DELIVERED || e.status() == DeliveryStatus.READ) {
                    // the settlement logged the message as SENT; bring it up to the reported status
                    engine.messages().advance(e.providerMessageId(), status, e.timestamp(), null, null);
                }
            }
        }
        RecipientStatus target = recipientStatus(e.status());
        if (target != RecipientStatus.SENT) {
            changed |= engine.campaigns().advance(correlationId, target, e.timestamp(), e.errorCode(),
                    e.errorMessage());
        }
        return changed;
    }

    private static MessageStatus messageStatus(DeliveryStatus s) {
        switch (s) {
            case SENT: return MessageStatus.SENT;
            case DELIVERED: return MessageStatus.DELIVERED;
            case READ: return MessageStatus.READ;
            default: return MessageStatus.FAILED;
        }
    }

    private static RecipientStatus recipientStatus(DeliveryStatus s) {
        switch (s) {
            case SENT: return RecipientStatus.SENT;
            case DELIVERED: return RecipientStatus.DELIVERED;
            case READ: return RecipientStatus.READ;
            default: return RecipientStatus.FAILED;
        }
    }

    // ---------------------------------------------------------------- inbound messages and consent

    /** Whether this event opts a number out (a stop event, an opt-out button or a stop keyword). */
    private boolean isOptOut(TrackingEvent event) {
        if (event instanceof ConsentChange c) {
            return c.optedOut();
        }
        return event instanceof InboundReply r && (config.isOptOutPayload(r.buttonPayload())
                || (r.buttonPayload() == null && config.isStop(r.text())));
    }

    private static String optOutSource(TrackingEvent event) {
        return event instanceof ConsentChange c ? c.source()
                : ((InboundReply) event).buttonPayload() != null ? "button" : "keyword";
    }

    /**
     * Records an opt-out of this number, in E.164 form when it reads as one, else as the provider
     * gave it (an opt-out is kept whatever the number's shape). A newer change already recorded stands.
     */
    private Outcome applyOptOut(String number, String source, Instant at) {
        String key = engine.phones().tryE164(number).orElse(number);
        Optional<io.leadreach.lead.ConsentStore.Consent> before = engine.consent().find(key);
        if (before.isPresent() && (before.get().optedOut() || before.get().changedAt().isAfter(at))) {
            return Outcome.DUPLICATE;
        }
        engine.consent().optOut(key, source, at);
        optOuts.increment();
        return Outcome.APPLIED;
    }

    private Outcome applyInbound(InboundReply r) {
        Optional<String> parsed = engine.phones().tryE164(r.from());
        if (parsed.isEmpty()) {
            if (isOptOut(r)) {
                log.warn("inbound message {} from {}, not a valid number, opts it out: recorded as given",
                        r.providerMessageId(), r.from());
                applyOptOut(r.from(), optOutSource(r), r.timestamp());
            } else {
                log.warn("dropping inbound message {} from {}, not a valid number", r.providerMessageId(), r.from());
            }
            return Outcome.UNMATCHED;
        }
        String e164 = parsed.get();
        // The window opens for the number written to when the engine sends from it; a message that
        // names no number, or one the engine does not know (a single-number host whose transport
        // calls itself otherwise), opens the default number's.
        String to = engine.senders().contains(r.businessNumberId()) ? r.businessNumberId() : engine.defaultSender().id();
        if (!engine.conversations().recordInbound(to, e164, r.providerMessageId(), r.timestamp())) {
            log.debug("inbound message {} seen before", r.providerMessageId());
            return Outcome.DUPLICATE;
        }
        LeadReply.ConsentEffect effect = LeadReply.ConsentEffect.NONE;
        if (config.isOptOutPayload(r.buttonPayload()) || (r.buttonPayload() == null && config.isStop(r.text()))) {
            engine.consent().optOut(e164, r.buttonPayload() != null ? "button" : "keyword", r.timestamp());
            optOuts.increment();
            effect = LeadReply.ConsentEffect.OPTED_OUT;
        } else if (r.buttonPayload() == null && config.isStart(r.text())) {
            engine.consent().optIn(e164, "keyword", r.timestamp());
            optIns.increment();
            effect = LeadReply.ConsentEffect.OPTED_IN;
        }
        List<Lead> leads = engine.leads().findByMobile(e164);
        if (leads.isEmpty()) {
            log.debug("inbound message {} matches no lead", r.providerMessageId());
            return Outcome.UNMATCHED;
        }
        if (leads.size() > 1) {
            log.debug("inbound message {} matches {} leads; handed to none", r.providerMessageId(), leads.size());
            return Outcome.AMBIGUOUS;
        }
        Lead lead = leads.get(0);
        LeadMessage answered = attribute(r, lead, e164).orElse(null);
        LeadReply reply = new LeadReply(lead.id(), e164, r.text(), r.buttonPayload(), r.providerMessageId(),
                answered == null ? null : answered.id(), answered == null ? null : answered.campaignId(), effect,
                r.timestamp(), to);
        if (answered != null && CorrelationIds.isRecipient(answered.correlationId())) {
            engine.campaigns().recordReply(answered.correlationId(), r.timestamp());
        }
        if (replies != null) {
            replies.record(reply);
        }
        try {
            sink.onReply(reply);
        } catch (RuntimeException ex) {
            log.warn("the lead activity sink failed on a reply from lead {}", lead.id(), ex);
        }
        return Outcome.APPLIED;
    }

    /** The message a reply answers: its context, else the latest one to that number in the attribution window. */
    private Optional<LeadMessage> attribute(InboundReply r, Lead lead, String e164) {
        if (r.contextMessageId() != null) {
            Optional<LeadMessage> byContext = engine.messages().findByProviderMessageId(r.contextMessageId());
            if (byContext.isPresent()) {
                return byContext;
            }
        }
        Instant since = r.timestamp().minus(config.attributionWindow());
        for (LeadMessage m : engine.messages().findByLead(lead.id(), 20)) {
            Instant at = m.sentAt() != null ? m.sentAt() : m.createdAt();
            if (e164.equals(m.mobile()) && m.status().isSent() && !at.isBefore(since) && !at.isAfter(r.timestamp())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private Outcome applyTemplateStatus(TemplateStatusChange t) {
        boolean known = false;
        boolean changed = false;
        for (io.leadreach.template.MessageTemplate m : engine.templates().findAll(false)) {
            if (m.binding() != null && m.binding().binds(t.templateName(), t.language())) {
                known = true;
                changed |= engine.templates().updateBindingStatus(m.id(), t.wabaId(), t.status(), t.timestamp());
            }
        }
        log.info("provider template {} ({}) is now {}{}{}{}", t.templateName(), t.language(), t.status(),
                t.wabaId() == null ? "" : " in WABA " + t.wabaId(), t.reason() == null ? "" : ": " + t.reason(),
                known ? "" : " (bound to no library template)");
        return !known ? Outcome.UNKNOWN : changed ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    private Outcome applyConsent(ConsentChange c) {
        Optional<String> e164 = engine.phones().tryE164(c.mobile());
        if (e164.isEmpty()) {
            // Consent follows the number as the provider names it, valid or not: a stop is never lost,
            // and a resume from the same number can undo it.
            log.warn("consent change ({}) for {}, not a valid number: recorded as given",
                    c.optedOut() ? "stop" : "resume", c.mobile());
            e164 = Optional.of(c.mobile());
        }
        Optional<io.leadreach.lead.ConsentStore.Consent> before = engine.consent().find(e164.get());
        if (before.isPresent() && before.get().optedOut() == c.optedOut()) {
            return Outcome.DUPLICATE;
        }
        if (before.isPresent() && before.get().changedAt().isAfter(c.timestamp())) {
            return Outcome.DUPLICATE; // a newer change stands
        }
        if (c.optedOut()) {
            engine.consent().optOut(e164.get(), c.source(), c.timestamp());
            optOuts.increment();
        } else {
            engine.consent().optIn(e164.get(), c.source(), c.timestamp());
            optIns.increment();
        }
        return Outcome.APPLIED;
    }
}
