package io.leadreach.internal;

import io.leadreach.CampaignSpec;
import io.leadreach.NotFoundException;
import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.analytics.PricingCategory;
import io.leadreach.analytics.RateCard;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.SkipReason;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadIdList;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.preview.BulkSendCheck;
import io.leadreach.preview.CampaignPreview;
import io.leadreach.preview.CampaignPreviewService;
import io.leadreach.preview.CostEstimate;
import io.leadreach.preview.PreviewConfig;
import io.leadreach.preview.PreviewSkip;
import io.leadreach.preview.TargetListCheck;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.ThrottleConfig;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link CampaignPreviewService}: reads the target page by page (bounded memory, at most
 * {@link PreviewConfig#maxScanned()} leads), applies the engine's per-recipient rules (the runner's
 * own {@link SendDecision}) without sending, and simulates the send in 15-minute steps per
 * time-zone bucket.
 */
public final class DefaultCampaignPreviewService implements CampaignPreviewService {

    /** The simulation's step. */
    static final Duration STEP = Duration.ofMinutes(15);
    /** The longest simulated send; beyond it the estimate is capped. */
    static final Duration HORIZON = Duration.ofDays(366);

    private static final int LOOKUP_CHUNK = 1_000;

    /** The bulk-send check's message: not known yet, free-form. */
    private static final SendDecision.Draft UNKNOWN_MESSAGE = new SendDecision.Draft(null, false, null, false);

    private final Wiring engine;
    private final PreviewConfig config;
    private final SendDecision decision;

    public DefaultCampaignPreviewService(Wiring engine, PreviewConfig config) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.config = Objects.requireNonNull(config, "config");
        this.decision = SendDecision.of(engine);
    }

    /**
     * What a preview runs on: body, whether with an attachment, binding, its category, target,
     * throttle, start, numbers, and from which numbers' WABAs the binding may go.
     */
    private record Draft(String body, boolean withAttachment, WhatsAppTemplateBinding binding,
                         TemplateCategory libraryCategory, TargetCriteria target, ThrottleConfig throttle,
                         Instant start, List<String> senderNumbers, TemplateApprovals approvals) {
    }

    @Override
    public CampaignPreview previewCampaign(Actor actor, CampaignSpec spec, Long sampleLeadId) {
        actor.require(Permission.CAMPAIGN_CREATE);
        Objects.requireNonNull(spec, "spec");
        Instant now = engine.clock().instant();
        List<FieldError> errors = new ArrayList<>();
        String body = spec.body();
        MessageTemplate template = null;
        if (spec.templateId() != null) {
            template = TemplateLookup.usable(engine.templates(), spec.templateId(), errors);
            if (template != null && body == null) {
                body = template.body();
            }
        }
        boolean withAttachment = spec.attachment() != null || (template != null && template.attachment() != null);
        if (body == null || body.isBlank()) {
            if (errors.isEmpty()) {
                errors.add(new FieldError("body", "blank", "a campaign needs a body or a template"));
            }
        } else {
            // The same checks as createCampaign: a preview of a campaign that cannot be created is refused.
            List<FieldError> bodyErrors = template == null ? MessageRules.check("body", body, withAttachment) : List.of();
            errors.addAll(bodyErrors);
            if (bodyErrors.isEmpty()) {
                try {
                    engine.renderer().compile(body);
                } catch (ValidationException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        ThrottleConfig throttle = engine.config().defaultThrottle();
        if (spec.messagesPerMinute() != null) {
            if (spec.messagesPerMinute() <= 0) {
                errors.add(new FieldError("messagesPerMinute", "not_positive",
                        "the throttle must be at least 1 message per minute, got " + spec.messagesPerMinute()));
            } else {
                throttle = ThrottleConfig.custom().messagesPerMinute(spec.messagesPerMinute()).build();
            }
        }
        for (String unknown : engine.senders().unknown(spec.senderNumbers())) {
            errors.add(new FieldError("senderNumbers", "unknown", "sender number " + unknown + " is not registered"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant start = spec.scheduledAt() != null && spec.scheduledAt().isAfter(now) ? spec.scheduledAt() : now;
        WhatsAppTemplateBinding binding = engine.usableBinding(template, spec.senderNumbers());
        return preview(new Draft(body, withAttachment, binding, template == null ? null : template.category(),
                spec.target() == null ? TargetCriteria.all() : spec.target(), throttle, start, spec.senderNumbers(),
                TemplateApprovals.of(binding, template == null ? null : template.binding())), sampleLeadId, now);
    }

    @Override
    public CampaignPreview previewCampaign(Actor actor, long campaignId, Long sampleLeadId) {
        actor.require(Permission.CAMPAIGN_CREATE);
        Campaign c = engine.campaigns().find(campaignId).orElseThrow(() -> new NotFoundException("campaign", campaignId));
        if (c.status() != CampaignStatus.DRAFT) {
            throw new ValidationException("campaignId", "not_draft",
                    "campaign " + campaignId + " is " + c.status() + "; only a DRAFT is previewed");
        }
        Instant now = engine.clock().instant();
        MessageTemplate library = c.templateId() == null ? null : engine.templates().findById(c.templateId()).orElse(null);
        TemplateCategory category = library == null ? null : library.category();
        Instant start = c.scheduledAt() != null && c.scheduledAt().isAfter(now) ? c.scheduledAt() : now;
        return preview(new Draft(c.body(), c.attachment() != null, c.binding(), category, c.target(), c.throttle(),
                start, c.senderNumbers(), TemplateApprovals.of(c.binding(), library == null ? null : library.binding())),
                sampleLeadId, now);
    }

    private CampaignPreview preview(Draft d, Long sampleLeadId, Instant now) {
        List<String> assumptions = new ArrayList<>();
        long matching = engine.leads().count(d.target());
        PricingCategory category = d.binding() == null ? null : category(d, assumptions);
        RateCard card = config.rateCard();
        long limit = config.messagingLimit().uniqueRecipientsPer24h();
        SendDecision.Draft message = new SendDecision.Draft(d.body(), d.withAttachment(), d.binding(),
                category == PricingCategory.MARKETING);

        Map<PreviewSkip, Long> skipped = new EnumMap<>(PreviewSkip.class);
        Map<ZoneId, Long> byZone = new LinkedHashMap<>();
        long scanned = 0;
        long templateSends = 0;
        long freeForm = 0;
        long priced = 0;
        long unpriced = 0;
        BigDecimal total = BigDecimal.ZERO;
        Lead first = null;
        long after = 0;
        boolean complete = true;
        scan:
        while (true) {
            List<Lead> page = engine.leads().page(d.target(), after, config.pageSize());
            for (Lead lead : page) {
                if (scanned >= config.maxScanned()) {
                    complete = false;
                    break scan;
                }
                scanned++;
                if (first == null) {
                    first = lead;
                }
                Optional<String> e164 = engine.phones().tryE164(lead.mobile());
                Verdict verdict = verdict(lead, e164.orElse(null), senderFor(d, lead), message, d.approvals(), now);
                if (verdict.skip() != null) {
                    skipped.merge(verdict.skip(), 1L, Long::sum);
                    continue;
                }
                if (!verdict.inWindow()) {
                    int code = engine.phones().countryCallingCode(e164.get());
                    if (templateSends >= limit) {
                        skipped.merge(PreviewSkip.ABOVE_MESSAGING_LIMIT, 1L, Long::sum);
                        continue;
                    }
                    templateSends++;
                    Optional<BigDecimal> price = card == null ? Optional.empty() : card.price(code, category);
                    if (price.isPresent()) {
                        priced++;
                        total = total.add(price.get());
                    } else {
                        unpriced++;
                    }
                } else {
                    freeForm++;
                }
                byZone.merge(lead.timeZone() != null ? lead.timeZone() : engine.config().defaultZone(), 1L, Long::sum);
            }
            if (page.size() < config.pageSize()) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        if (!complete) {
            assumptions.add("counts cover the first " + scanned + " of " + matching + " matching leads");
        }
        if (limit != Long.MAX_VALUE) {
            assumptions.add("messaging limit " + limit + " unique template recipients per 24 hours, none used yet");
        }

        Lead sample = first;
        if (sampleLeadId != null) {
            sample = engine.leads().findById(sampleLeadId)
                    .orElseThrow(() -> new NotFoundException("lead", sampleLeadId));
        }
        String rendered = sample == null ? null
                : engine.renderer().render(engine.renderer().compile(d.body()), LeadVariables.of(sample));

        double perSecond = Math.min(d.throttle().messagesPerMinute() / 60.0, engine.config().senderMessagesPerSecond());
        Instant end = simulate(d.start(), byZone, perSecond, engine.config().sendWindow());
        assumptions.add("duration: " + String.format(java.util.Locale.ROOT, "%.2f", perSecond)
                + " messages/second (campaign throttle and sender rate), quiet hours per lead time zone, "
                + STEP.toMinutes() + "-minute steps, no retries");
        CostEstimate cost = null;
        if (card != null) {
            cost = new CostEstimate(card.currency(), total, priced, freeForm, unpriced);
            assumptions.add("cost: every template message delivered and charged at the card's "
                    + category + " rate; free-form messages inside the window free");
        }
        return new CampaignPreview(matching, scanned, complete, sample == null ? null : sample.id(), rendered,
                templateSends + freeForm, templateSends, freeForm, skipped, category,
                Duration.between(d.start(), end), end, cost, assumptions);
    }

    /**
     * What the engine would do with this lead, by the same {@link SendDecision} the runner and the
     * service take: the skip (null: it is sent, now or after quiet hours, which only delay it) and
     * whether its window is open (else the approved template goes). One place for the preview and
     * the bulk-send check. Only the messaging limit is the preview's own (an estimate over the whole
     * target; the engine learns it from the provider's refusals).
     */
    /** The number the draft would send to this lead from. */
    private SenderNumber senderFor(Draft d, Lead lead) {
        return engine.senders().pick(d.senderNumbers(), lead.id());
    }

    private Verdict verdict(Lead lead, String e164, SenderNumber from, SendDecision.Draft message,
                            TemplateApprovals approvals, Instant now) {
        boolean optedOut = e164 != null && (lead.optedOut() || engine.consent().isOptedOut(e164));
        boolean inWindow = e164 != null && !optedOut && engine.inServiceWindow(from.id(), e164, now);
        boolean templateApproved = inWindow || approvals.approvedFrom(from);
        SendDecision.Verdict v = decision.decide(new SendDecision.Facts(lead, e164, optedOut, inWindow,
                templateApproved), message, now);
        return new Verdict(v instanceof SendDecision.Skip s ? preview(s.reason()) : null, inWindow);
    }

    /** The preview's name for a skip of the engine's. */
    private static PreviewSkip preview(SkipReason reason) {
        return switch (reason) {
            case INVALID_NUMBER -> PreviewSkip.INVALID_NUMBER;
            case OPTED_OUT -> PreviewSkip.OPTED_OUT;
            case OUTSIDE_SERVICE_WINDOW -> PreviewSkip.OUTSIDE_SERVICE_WINDOW;
            case MARKETING_TO_US_NUMBER -> PreviewSkip.MARKETING_TO_US_NUMBER;
            case TEMPLATE_NOT_APPROVED_FOR_NUMBER -> PreviewSkip.TEMPLATE_NOT_APPROVED_FOR_NUMBER;
            case MESSAGE_TOO_LONG -> PreviewSkip.MESSAGE_TOO_LONG;
            case LEAD_NOT_FOUND -> throw new IllegalStateException("a previewed lead exists");
        };
    }

    /** A lead's fate under the rules: the skip (null: sent) and whether its window is open. */
    private record Verdict(PreviewSkip skip, boolean inWindow) {
    }

    @Override
    public BulkSendCheck checkBulkSend(Actor actor, Collection<Long> leadIds) {
        actor.require(Permission.BULK_SEND);
        Set<Long> ids = new LinkedHashSet<>();
        if (leadIds != null) {
            for (Long id : leadIds) {
                if (id != null) {
                    ids.add(id);
                }
            }
        }
        if (ids.isEmpty()) {
            throw new ValidationException("leadIds", "empty", "at least one lead id is required");
        }
        if (ids.size() > engine.config().maxBulkLeads()) {
            throw new ValidationException("leadIds", "too_many", ids.size() + " leads named; at most "
                    + engine.config().maxBulkLeads() + " are allowed in one bulk send");
        }
        Instant now = engine.clock().instant();
        Map<Long, Lead> found = findAll(ids);
        Map<PreviewSkip, Long> skipped = new EnumMap<>(PreviewSkip.class);
        Map<PreviewSkip, List<Long>> skippedIds = new EnumMap<>(PreviewSkip.class);
        List<Long> unknownIds = new ArrayList<>();
        long unknown = 0;
        int willSend = 0;
        for (Long id : ids) {
            Lead lead = found.get(id);
            if (lead == null) {
                unknown++;
                if (unknownIds.size() < BulkSendCheck.MAX_IDS_PER_REASON) {
                    unknownIds.add(id);
                }
                continue;
            }
            // The check has no message yet: its length is not known, and there is no template.
            PreviewSkip rule = verdict(lead, engine.phones().tryE164(lead.mobile()).orElse(null),
                    engine.defaultSender(), UNKNOWN_MESSAGE, TemplateApprovals.ANY, now).skip();
            if (rule == null) {
                willSend++;
            } else {
                skipped.merge(rule, 1L, Long::sum);
                List<Long> list = skippedIds.computeIfAbsent(rule, r -> new ArrayList<>());
                if (list.size() < BulkSendCheck.MAX_IDS_PER_REASON) {
                    list.add(id);
                }
            }
        }
        return new BulkSendCheck(ids.size(), willSend, skipped, skippedIds, unknownIds, unknown);
    }

    @Override
    public TargetListCheck checkTargetList(Actor actor, String text) {
        actor.require(Permission.CAMPAIGN_CREATE);
        LeadIdList list = LeadIdList.parse(text, engine.config().maxBulkLeads());
        Map<Long, Lead> found = findAll(list.leadIds());
        List<Long> unknown = new ArrayList<>();
        for (Long id : list.leadIds()) {
            if (!found.containsKey(id)) {
                unknown.add(id);
            }
        }
        return new TargetListCheck(list, unknown);
    }

    /** The leads among these ids that exist, looked up a chunk at a time. */
    private Map<Long, Lead> findAll(Collection<Long> ids) {
        Map<Long, Lead> out = new HashMap<>();
        List<Long> chunk = new ArrayList<>(LOOKUP_CHUNK);
        for (Long id : ids) {
            chunk.add(id);
            if (chunk.size() == LOOKUP_CHUNK) {
                engine.leads().findByIds(chunk).forEach(l -> out.put(l.id(), l));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            engine.leads().findByIds(chunk).forEach(l -> out.put(l.id(), l));
        }
        return out;
    }

    /**
     * The binding's pricing category, as {@link TemplateCategories} learns it from the synced
     * provider templates (else assumes it from the library template's category, and says so).
     */
    private PricingCategory category(Draft d, List<String> assumptions) {
        TemplateCategories.Category c = new TemplateCategories(config.providerTemplates())
                .of(d.binding(), d.libraryCategory());
        if (c.assumed()) {
            assumptions.add("template '" + d.binding().name() + "' is not among the provider templates: assumed "
                    + c.category() + " from its library category");
        }
        return c.category();
    }

    /**
     * When the last message would go: from {@code start}, in steps, each zone's leads are sent
     * while it is outside quiet hours, sharing the rate; the oldest-waiting zone first.
     */
    static Instant simulate(Instant start, Map<ZoneId, Long> byZone, double perSecond, SendWindow window) {
        Map<ZoneId, Long> left = new LinkedHashMap<>(byZone);
        left.values().removeIf(n -> n == 0);
        Instant t = start;
        double carry = 0;
        Instant limit = start.plus(HORIZON);
        while (!left.isEmpty() && t.isBefore(limit)) {
            List<ZoneId> open = new ArrayList<>();
            Instant nextOpen = null;
            for (ZoneId z : left.keySet()) {
                Instant allowed = window.nextAllowed(t, z);
                if (!allowed.isAfter(t)) {
                    open.add(z);
                } else if (nextOpen == null || allowed.isBefore(nextOpen)) {
                    nextOpen = allowed;
                }
            }
            if (open.isEmpty()) {
                t = nextOpen;
                continue;
            }
            double capacity = carry + perSecond * STEP.toSeconds();
            long whole = (long) capacity;
            carry = capacity - whole;
            for (ZoneId z : open) {
                long n = left.get(z);
                long take = Math.min(n, whole);
                whole -= take;
                if (take == n) {
                    left.remove(z);
                    if (left.isEmpty()) {
                        // the last message goes part-way through the step
                        double used = (capacity - carry - whole) / perSecond;
                        return t.plusMillis((long) Math.ceil(used * 1000));
                    }
                } else {
                    left.put(z, n - take);
                }
                if (whole == 0) {
                    break;
                }
            }
            t = t.plus(STEP);
        }
        return t;
    }
}
