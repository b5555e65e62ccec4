package io.leadreach.internal;

import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.InDoubtResolution;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.BulkSendResult;
import io.leadreach.CampaignSpec;
import io.leadreach.CampaignStatistics;
import io.leadreach.IllegalTransitionException;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.NotFoundException;
import io.leadreach.SendResult;
import io.leadreach.TestSendResult;
import io.leadreach.ThrottledException;
import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.attachment.AttachmentIntake;
import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignBuilder;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRunner;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.sending.JobProgress;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** The {@link LeadWhatsAppService} that {@link io.leadreach.LeadReach} assembles. */
public final class DefaultLeadWhatsAppService implements LeadWhatsAppService {

    /**
     * The minute in a bulk job's name, as people read it (the name shows in a lead's timeline and
     * the console's campaign list): {@code Bulk send by maria, 3 Dec 2026 09:01 UTC}.
     */
    static final DateTimeFormatter JOB_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DefaultLeadWhatsAppService.class);

    private static final int MAX_NAME = 200;
    private static final int MAX_ATTEMPTS_LIMIT = RetryPolicy.MAX_ATTEMPTS;
    private static final int LOOKUP_CHUNK = 1_000;

    private final Wiring engine;
    private final CampaignRunner runner;
    private final AttachmentIntake intake;
    /** Whether and what a send sends: the rules the campaign runner and the preview apply too. */
    private final SendDecision decision;

    public DefaultLeadWhatsAppService(Wiring engine, CampaignRunner runner, AttachmentIntake intake) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.decision = SendDecision.of(engine);
    }

    // ---------------------------------------------------------------- single and bulk sends

    @Override
    public SendResult sendSingleMessage(Actor actor, long leadId, String message, AttachmentUpload attachment) {
        actor.require(Permission.SEND);
        MessageRules.require("message", message, attachment != null);
        engine.renderer().compile(message == null ? "" : message);
        Lead lead = engine.leads().findById(leadId).orElseThrow(() -> new NotFoundException("lead", leadId));
        String e164 = engine.phones().toE164(lead.mobile());
        Instant now = engine.clock().instant();
        SenderNumber from = engine.replyNumberFor(e164, now);
        SendDecision.Send send = allowed(lead, e164, from, freeForm(message, attachment != null), now);
        StoredAttachment stored = attachment == null ? null : intake.accept(attachment);
        return sendNow(actor, lead, e164, from, send, stored, null, now);
    }

    /** A free-form message (a single or bulk send) as the decision takes it. */
    private static SendDecision.Draft freeForm(String message, boolean withAttachment) {
        return new SendDecision.Draft(message == null ? "" : message, withAttachment, null, false);
    }

    @Override
    public SendResult sendTemplateMessage(Actor actor, long leadId, long templateId) {
        actor.require(Permission.SEND);
        MessageTemplate template = engine.templates().findById(templateId)
                .orElseThrow(() -> new NotFoundException("template", templateId));
        if (!template.active()) {
            throw new ValidationException("templateId", "inactive_template",
                    "template '" + template.name() + "' is inactive");
        }
        Lead lead = engine.leads().findById(leadId).orElseThrow(() -> new NotFoundException("lead", leadId));
        String e164 = engine.phones().toE164(lead.mobile());
        Instant now = engine.clock().instant();
        SenderNumber from = engine.replyNumberFor(e164, now);
        WhatsAppTemplateBinding binding = engine.usableBinding(template, List.of(from.id()));
        SendDecision.Send send = allowed(lead, e164, from, new SendDecision.Draft(
                template.body() == null ? "" : template.body(), template.attachment() != null, binding,
                engine.categories().isMarketing(binding, template.category())), now);
        SendResult result = sendNow(actor, lead, e164, from, send, template.attachment(), binding, now);
        if (result.isAccepted()) {
            try {
                engine.templates().incrementUsage(template.id(), 1);
            } catch (RuntimeException e) { // the message went out: its answer must say so
                log.warn("template {} was sent but its usage count could not be incremented", template.id(), e);
            }
        }
        return result;
    }

    /**
     * The {@link SendDecision} for this lead now, mapped to the service's answers: a skip is a
     * {@link ValidationException} (opted_out, outside_service_window, marketing_to_us_number,
     * template_not_approved_for_number on
     * {@code leadId}; too_long on {@code message}), quiet hours a {@link ThrottledException} with
     * the time to wait. Outside the window the draft's approved template is sent, if it has one.
     */
    private SendDecision.Send allowed(Lead lead, String e164, SenderNumber from, SendDecision.Draft draft, Instant now) {
        boolean optedOut = lead.optedOut() || engine.consent().isOptedOut(e164);
        boolean inWindow = !optedOut && engine.inServiceWindow(from.id(), e164, now);
        SendDecision.Verdict verdict = decision.decide(new SendDecision.Facts(lead, e164, optedOut, inWindow), draft,
                now);
        if (verdict instanceof SendDecision.Skip skip) {
            throw switch (skip.reason()) {
                case OPTED_OUT -> new ValidationException("leadId", "opted_out",
                        "lead " + lead.id() + " opted out of WhatsApp messages");
                case OUTSIDE_SERVICE_WINDOW -> new ValidationException("leadId", "outside_service_window", "lead "
                        + lead.id() + " has not written in the last 24 hours; WhatsApp allows only an approved template"
                        + " then (sendTemplateMessage with a template bound to one, or a campaign made from it)");
                case MARKETING_TO_US_NUMBER -> new ValidationException("leadId", "marketing_to_us_number", "lead "
                        + lead.id() + " has not written in the last 24 hours and has a +1 number; Meta does not"
                        + " deliver MARKETING templates to +1 numbers");
                case TEMPLATE_NOT_APPROVED_FOR_NUMBER -> new ValidationException("leadId",
                        "template_not_approved_for_number", "lead " + lead.id() + " has not written in the last 24"
                        + " hours and the approved template is not approved in the WhatsApp Business Account of"
                        + " the number it would go from");
                case MESSAGE_TOO_LONG -> new ValidationException("message", "too_long",
                        "the message rendered for lead " + lead.id() + " " + skip.detail());
                case LEAD_NOT_FOUND, INVALID_NUMBER -> new IllegalStateException(
                        "the lead and its number were checked before: " + skip.reason());
            };
        }
        if (verdict instanceof SendDecision.Defer later) {
            throw new ThrottledException("it is quiet hours for lead " + lead.id() + " until " + later.until(),
                    Duration.between(now, later.until()));
        }
        return (SendDecision.Send) verdict;
    }

    /** Takes the sender's and the lead's rate, then sends what the decision allowed and records the message. */
    private SendResult sendNow(Actor actor, Lead lead, String e164, SenderNumber from, SendDecision.Send send,
                               StoredAttachment attachment, WhatsAppTemplateBinding binding, Instant now) {
        acquireOrThrow(Wiring.senderKey(from), engine.senderLimit(from), "the sender's rate");
        Duration pacing = engine.config().leadPacing();
        if (!pacing.isZero()) {
            try {
                acquireOrThrow(Wiring.leadKey(from.id(), lead.id()), RateLimit.oneEvery(pacing),
                        "pacing for lead " + lead.id() + " (one message per " + pacing.toSeconds() + " s)");
            } catch (ThrottledException e) {
                engine.rateLimiter().refund(Wiring.senderKey(from), engine.senderLimit(from), 1);
                throw e;
            }
        }
        String body = send.body();
        LeadMessage queued = engine.messages().save(LeadMessage.builder().leadId(lead.id()).mobile(e164).body(body)
                .attachment(attachment).status(MessageStatus.QUEUED).sentBy(actor.id()).attempts(1).createdAt(now)
                .senderNumber(from.id()).build());
        String correlationId = CorrelationIds.forMessage(queued.id());
        MessageContent content = SendDecision.content(send, lead, binding, attachment, engine::mediaFile);
        SendOutcome outcome = sendAndWait(new OutboundMessage(e164, correlationId, content, from.id()));
        Instant done = engine.clock().instant();
        LeadMessage settled;
        if (outcome instanceof SendOutcome.Accepted a) {
            settled = copy(queued, correlationId, MessageStatus.SENT, a.providerMessageId(), null, null,
                    a.rawResponse(), done);
        } else if (outcome instanceof SendOutcome.Rejected j) {
            settled = copy(queued, correlationId, MessageStatus.FAILED, null, j.code(), j.message(), j.rawResponse(),
                    done);
        } else {
            SendOutcome.Unknown u = (SendOutcome.Unknown) outcome;
            settled = copy(queued, correlationId, MessageStatus.QUEUED, null, "UNKNOWN_OUTCOME", u.reason(), null,
                    done);
        }
        // The transport has answered: from here on, a failure to record must not turn into an error
        // that invites the caller to send again. The answer says what happened to the send.
        try {
            if (outcome instanceof SendOutcome.Rejected j && j.errorClass() == ErrorClass.OPTED_OUT) {
                engine.consent().optOut(e164, "error-" + j.code(), done);
            }
            settled = MessageLog.save(engine.messages(), settled);
        } catch (RuntimeException e) {
            log.error("the send to lead {} ({}) ended {} with provider id {}, but could not be recorded; answering"
                    + " with its outcome", lead.id(), correlationId, settled.status(), settled.providerMessageId(), e);
        }
        return new SendResult(lead.id(), settled.id(), settled.status(), settled.providerMessageId(),
                settled.errorCode(), settled.errorMessage());
    }

    @Override
    public TestSendResult sendTestMessage(Actor actor, String toNumber, String body, Long templateId,
                                          Long sampleLeadId) {
        actor.require(Permission.CAMPAIGN_CREATE);
        List<FieldError> errors = new ArrayList<>();
        MessageTemplate template = null;
        String text = body;
        if (templateId != null && body != null) {
            errors.add(new FieldError("body", "both_template_and_body", "give a template or a body, not both"));
        } else if (templateId != null) {
            template = TemplateLookup.usable(engine.templates(), templateId, errors);
            text = template == null ? null : template.body();
        } else {
            errors.addAll(MessageRules.check("body", body, false));
        }
        java.util.Optional<String> e164 = toNumber == null ? java.util.Optional.empty()
                : engine.phones().tryE164(toNumber);
        if (e164.isEmpty()) {
            errors.add(new FieldError("to", "invalid_number", "the test number is not a valid mobile number"));
        }
        if (text != null && errors.stream().noneMatch(e -> e.field().equals("body"))) {
            try {
                engine.renderer().compile(text);
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String to = e164.get();
        Lead sample;
        if (sampleLeadId != null) {
            sample = engine.leads().findById(sampleLeadId).orElseThrow(() -> new NotFoundException("lead", sampleLeadId));
        } else {
            List<Lead> first = engine.leads().page(TargetCriteria.all(), 0, 1);
            sample = first.isEmpty() ? Lead.builder(0).name(actor.id()).mobile(to).build() : first.get(0);
        }
        StoredAttachment attachment = template == null ? null : template.attachment();
        Instant now = engine.clock().instant();
        SenderNumber from = engine.defaultSender(); // as a campaign without numbers of its own sends
        WhatsAppTemplateBinding binding = engine.usableBinding(template, List.of(from.id()));
        // The sample lead gives the variables; the test number's own consent and window decide, and
        // quiet hours do not apply: the message goes to the operator's phone, not to the lead.
        boolean optedOut = engine.consent().isOptedOut(to);
        boolean inWindow = !optedOut && engine.inServiceWindow(from.id(), to, now);
        SendDecision.Verdict verdict = decision.withoutQuietHours().decide(
                new SendDecision.Facts(sample, to, optedOut, inWindow),
                new SendDecision.Draft(text, attachment != null, binding,
                        engine.categories().isMarketing(binding, template == null ? null : template.category())),
                now);
        if (verdict instanceof SendDecision.Skip skip) {
            throw switch (skip.reason()) {
                case OPTED_OUT -> new ValidationException("to", "opted_out",
                        "the test number opted out of WhatsApp messages");
                case OUTSIDE_SERVICE_WINDOW -> new ValidationException("to", "outside_service_window", "the test"
                        + " number has not written to the business in the last 24 hours, so WhatsApp accepts only an"
                        + " approved template: send any message from that phone to the business number first, or test"
                        + " a template bound to an approved WhatsApp template");
                case MARKETING_TO_US_NUMBER -> new ValidationException("to", "marketing_to_us_number", "the test"
                        + " number is a +1 number that has not written in the last 24 hours; Meta does not deliver"
                        + " MARKETING templates to +1 numbers");
                case TEMPLATE_NOT_APPROVED_FOR_NUMBER -> new ValidationException("to",
                        "template_not_approved_for_number", "the test number has not written in the last 24 hours"
                        + " and the approved template is not approved in the WhatsApp Business Account of the"
                        + " number it would go from");
                case MESSAGE_TOO_LONG -> new ValidationException("body", "too_long",
                        "the message rendered for the sample lead " + skip.detail());
                case LEAD_NOT_FOUND, INVALID_NUMBER -> new IllegalStateException(
                        "the sample lead and the test number were checked before: " + skip.reason());
            };
        }
        if (!(verdict instanceof SendDecision.Send send)) {
            throw new IllegalStateException("a test send has no quiet hours: " + verdict);
        }
        String rendered = send.body();
        acquireOrThrow(Wiring.senderKey(from), engine.senderLimit(from), "the sender's rate");
        MessageContent content = SendDecision.content(send, sample, binding, attachment, engine::mediaFile);
        String correlationId = "lr-t" + Long.toString(now.toEpochMilli(), 36) + "-"
                + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        SendOutcome outcome = sendAndWait(new OutboundMessage(to, correlationId, content, from.id()));
        if (outcome instanceof SendOutcome.Accepted a) {
            return new TestSendResult(to, rendered, send.template(), MessageStatus.SENT, a.providerMessageId(), null,
                    null);
        }
        if (outcome instanceof SendOutcome.Rejected j) {
            if (j.errorClass() == ErrorClass.OPTED_OUT) {
                engine.consent().optOut(to, "error-" + j.code(), engine.clock().instant());
            }
            return new TestSendResult(to, rendered, send.template(), MessageStatus.FAILED, null, j.code(), j.message());
        }
        return new TestSendResult(to, rendered, send.template(), MessageStatus.QUEUED, null, "UNKNOWN_OUTCOME",
                ((SendOutcome.Unknown) outcome).reason());
    }

    private void acquireOrThrow(String key, RateLimit limit, String what) {
        if (engine.rateLimiter().tryAcquire(key, limit, 1) == 0) {
            Duration wait = engine.rateLimiter().timeToNextPermit(key, limit);
            throw new ThrottledException("refused by " + what + "; try again in " + wait.toMillis() + " ms", wait);
        }
    }

    private SendOutcome sendAndWait(OutboundMessage message) {
        try {
            return engine.send(message).toCompletableFuture()
                    .get(engine.config().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new SendOutcome.Unknown("no answer within " + engine.config().sendTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Unknown("interrupted while waiting for the answer");
        } catch (ExecutionException | RuntimeException e) {
            return new SendOutcome.Unknown("send failed: " + e);
        }
    }

    private static LeadMessage copy(LeadMessage m, String correlationId, MessageStatus status, String providerId,
                                    String code, String text, String raw, Instant at) {
        return m.toBuilder().status(status).correlationId(correlationId).providerMessageId(providerId).errorCode(code)
                .errorMessage(text).rawResponse(raw).sentAt(status == MessageStatus.SENT ? at : null).deliveredAt(null)
                .readAt(null).failedAt(status == MessageStatus.FAILED ? at : null).build();
    }

    @Override
    public BulkSendResult sendBulkMessages(Actor actor, Collection<Long> leadIds, String message,
                                           AttachmentUpload attachment) {
        return bulk(actor, leadIds, message, attachment, null);
    }

    @Override
    public BulkSendResult scheduleBulkMessages(Actor actor, Collection<Long> leadIds, String message,
                                               AttachmentUpload attachment, Instant sendAt) {
        if (sendAt == null) {
            actor.require(Permission.BULK_SEND);
            throw new ValidationException("scheduledAt", "missing", "a scheduled bulk send needs its start time");
        }
        return bulk(actor, leadIds, message, attachment, sendAt);
    }

    /** A bulk send now ({@code sendAt} null) or a scheduled one, which is always a BULK campaign. */
    private BulkSendResult bulk(Actor actor, Collection<Long> leadIds, String message, AttachmentUpload attachment,
                                Instant sendAt) {
        actor.require(Permission.BULK_SEND);
        List<FieldError> errors = new ArrayList<>(MessageRules.check("message", message, attachment != null));
        if (sendAt != null && !sendAt.isAfter(engine.clock().instant())) {
            errors.add(new FieldError("scheduledAt", "in_the_past", "the start time " + sendAt + " is not in the future"));
        }
        Set<Long> ids = leadIds == null ? Set.of() : new LinkedHashSet<>(leadIds);
        if (ids.contains(null)) {
            errors.add(new FieldError("leadIds", "null_id", "lead ids must not be null"));
        }
        if (ids.isEmpty()) {
            errors.add(new FieldError("leadIds", "empty", "at least one lead id is required"));
        } else if (ids.size() > engine.config().maxBulkLeads()) {
            errors.add(new FieldError("leadIds", "too_many", ids.size() + " leads named; at most "
                    + engine.config().maxBulkLeads() + " are allowed in one bulk send"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        engine.renderer().compile(message == null ? "" : message);
        List<Lead> leads = findAll(ids);
        if (leads.size() < ids.size()) {
            Set<Long> found = leads.stream().map(Lead::id).collect(Collectors.toSet());
            List<Long> missing = ids.stream().filter(id -> !found.contains(id)).toList();
            throw new ValidationException("leadIds", "unknown_lead", missing.size() + " lead id(s) do not exist: "
                    + missing.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", "))
                    + (missing.size() > 20 ? ", ..." : ""));
        }
        if (sendAt == null && ids.size() <= engine.config().syncBulkLimit()) {
            StoredAttachment stored = attachment == null ? null : intake.accept(attachment);
            List<SendResult> results = new ArrayList<>(ids.size());
            for (Long id : ids) {
                Lead lead = leads.stream().filter(l -> l.id() == id).findFirst().orElseThrow();
                results.add(sendOneOfBulk(actor, lead, message, stored));
            }
            return BulkSendResult.immediate(results);
        }
        StoredAttachment stored = attachment == null ? null : intake.accept(attachment);
        Instant now = engine.clock().instant();
        if (sendAt != null) {
            Campaign job = engine.campaigns().create(bulkJob(actor, message, stored, ids, now)
                    .name("Bulk send by " + actor.id() + " for " + JOB_TIME.format(sendAt))
                    .status(CampaignStatus.SCHEDULED).scheduledAt(sendAt).build());
            runner.scheduleTick(job.id(), sendAt);
            return BulkSendResult.job(job.id());
        }
        Campaign job = engine.campaigns().create(bulkJob(actor, message, stored, ids, now)
                .name("Bulk send by " + actor.id() + ", " + JOB_TIME.format(now)).status(CampaignStatus.DRAFT).build());
        engine.campaigns().transition(job.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, now, null);
        runner.wake(job.id());
        return BulkSendResult.job(job.id());
    }

    /** A bulk send's job, but for its name, status and time. */
    private CampaignBuilder bulkJob(Actor actor, String message, StoredAttachment stored, Set<Long> ids,
                                     Instant now) {
        return Campaign.builder().kind(CampaignKind.BULK).body(message == null ? "" : message).attachment(stored)
                .target(TargetCriteria.ofLeadIds(ids)).throttle(engine.config().defaultThrottle())
                .retryPolicy(engine.config().defaultRetryPolicy()).createdBy(actor.id()).createdAt(now);
    }

    private SendResult sendOneOfBulk(Actor actor, Lead lead, String message, StoredAttachment stored) {
        try {
            String e164 = engine.phones().toE164(lead.mobile());
            Instant now = engine.clock().instant();
            SenderNumber from = engine.defaultSender(); // a broadcast, as the bulk sends run as campaigns: the default number
            SendDecision.Send send = allowed(lead, e164, from, freeForm(message, stored != null), now);
            return sendNow(actor, lead, e164, from, send, stored, null, now);
        } catch (ValidationException e) {
            FieldError first = e.errors().get(0);
            return new SendResult(lead.id(), 0, MessageStatus.FAILED, null, first.code(), e.getMessage());
        } catch (ThrottledException e) {
            return new SendResult(lead.id(), 0, MessageStatus.FAILED, null, "throttled", e.getMessage());
        }
    }

    private List<Lead> findAll(Set<Long> ids) {
        List<Lead> out = new ArrayList<>(ids.size());
        List<Long> chunk = new ArrayList<>(LOOKUP_CHUNK);
        for (Long id : ids) {
            chunk.add(id);
            if (chunk.size() == LOOKUP_CHUNK) {
                out.addAll(engine.leads().findByIds(chunk));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            out.addAll(engine.leads().findByIds(chunk));
        }
        return out;
    }

    @Override
    public JobProgress getJobProgress(Actor actor, long jobId) {
        actor.require(Permission.BULK_SEND);
        return progress(bulkJob(jobId));
    }

    @Override
    public JobProgress cancelJob(Actor actor, long jobId) {
        actor.require(Permission.BULK_SEND);
        Campaign job = bulkJob(jobId);
        cancel(job);
        return progress(engine.campaigns().find(jobId).orElseThrow());
    }

    private Campaign bulkJob(long jobId) {
        return engine.campaigns().find(jobId).filter(c -> c.kind() == CampaignKind.BULK)
                .orElseThrow(() -> new NotFoundException("job", jobId));
    }

    private JobProgress progress(Campaign c) {
        CampaignCounters n = engine.campaigns().counts(c.id());
        long total = Math.max(n.total(), c.materialized() ? n.total() : c.target().leadIds().size());
        long unmaterialized = total - n.total();
        if (c.status() == CampaignStatus.CANCELLED) {
            // A job cancelled before it started (a scheduled bulk send) never made its recipients:
            // none of those leads will be sent to, so they count as cancelled, not pending.
            return new JobProgress(c.id(), c.status().name(), total, n.sent(), n.failed(), n.skipped(),
                    n.cancelled() + unmaterialized, n.inDoubt(), n.open());
        }
        long pending = n.open() + unmaterialized;
        return new JobProgress(c.id(), c.status().name(), total, n.sent(), n.failed(), n.skipped(), n.cancelled(),
                n.inDoubt(), pending);
    }

    // ---------------------------------------------------------------- campaigns

    @Override
    public Campaign createCampaign(Actor actor, CampaignSpec spec) {
        actor.require(Permission.CAMPAIGN_CREATE);
        Objects.requireNonNull(spec, "spec");
        Instant now = engine.clock().instant();
        List<FieldError> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(new FieldError("name", "blank", "a campaign needs a name"));
        } else if (spec.name().length() > MAX_NAME) {
            errors.add(new FieldError("name", "too_long", "at most " + MAX_NAME + " characters"));
        }
        String body = spec.body();
        MessageTemplate template = null;
        if (spec.templateId() != null && body != null) {
            errors.add(new FieldError("body", "both_template_and_body", "give a template or a body, not both"));
        } else if (spec.templateId() != null) {
            template = TemplateLookup.usable(engine.templates(), spec.templateId(), errors);
            if (template != null) {
                body = template.body();
            }
        }
        boolean withAttachment = spec.attachment() != null || (template != null && template.attachment() != null);
        if (template == null && spec.templateId() == null) {
            errors.addAll(MessageRules.check("body", body, withAttachment));
        }
        if (body != null && errors.stream().noneMatch(e -> e.field().equals("body"))) {
            try {
                engine.renderer().compile(body);
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        TargetCriteria target = spec.target() == null ? TargetCriteria.all() : spec.target();
        if (spec.scheduledAt() != null && !spec.scheduledAt().isAfter(now)) {
            errors.add(new FieldError("scheduledAt", "in_the_past", "the start time " + spec.scheduledAt()
                    + " is not in the future"));
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
        RetryPolicy retry = engine.config().defaultRetryPolicy();
        if (spec.maxAttempts() != null) {
            if (spec.maxAttempts() < 1 || spec.maxAttempts() > MAX_ATTEMPTS_LIMIT) {
                errors.add(new FieldError("maxAttempts", "out_of_range",
                        "attempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", got " + spec.maxAttempts()));
            } else {
                retry = retry.toBuilder().maxAttempts(spec.maxAttempts()).build();
            }
        }
        errors.addAll(checkSenderNumbers(spec.senderNumbers()));
        if (errors.isEmpty() && engine.leads().count(target) == 0) {
            errors.add(new FieldError("target", "empty_target", "no lead matches the target criteria"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        StoredAttachment stored = spec.attachment() != null ? intake.accept(spec.attachment())
                : template != null ? template.attachment() : null;
        CampaignStatus status = spec.scheduledAt() != null ? CampaignStatus.SCHEDULED : CampaignStatus.DRAFT;
        Campaign created = engine.campaigns().create(Campaign.builder().name(spec.name().strip())
                .description(spec.description()).kind(CampaignKind.STANDARD)
                .templateId(template == null ? null : template.id()).body(body).attachment(stored)
                .binding(engine.usableBinding(template, spec.senderNumbers())).status(status).target(target)
                .scheduledAt(spec.scheduledAt()).throttle(throttle).retryPolicy(retry).createdBy(actor.id())
                .createdAt(now).senderNumbers(spec.senderNumbers()).build());
        if (status == CampaignStatus.SCHEDULED) {
            runner.scheduleTick(created.id(), created.scheduledAt());
        }
        return created;
    }

    /** A campaign's numbers: registered ones, no repeats, not too many. */
    private List<FieldError> checkSenderNumbers(List<String> ids) {
        List<FieldError> errors = new ArrayList<>();
        if (ids.size() > CampaignSpec.MAX_SENDER_NUMBERS) {
            errors.add(new FieldError("senderNumbers", "too_many", ids.size() + " numbers named; at most "
                    + CampaignSpec.MAX_SENDER_NUMBERS));
            return errors;
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (id == null) {
                errors.add(new FieldError("senderNumbers", "null_id", "sender number ids must not be null"));
            } else if (!seen.add(id)) {
                errors.add(new FieldError("senderNumbers", "repeated", "sender number " + id + " is named twice"));
            } else if (!engine.senders().contains(id)) {
                errors.add(new FieldError("senderNumbers", "unknown", "sender number " + id
                        + " is not registered; registered: " + engine.senders().all().stream()
                        .map(io.leadreach.sending.SenderNumber::id).toList()));
            }
        }
        return errors;
    }

    @Override
    public Campaign executeCampaign(Actor actor, long campaignId) {
        actor.require(Permission.CAMPAIGN_EXECUTE);
        Campaign c = campaign(campaignId);
        if (c.status() != CampaignStatus.DRAFT && c.status() != CampaignStatus.SCHEDULED) {
            throw new IllegalTransitionException("campaign " + campaignId + " is " + c.status()
                    + "; only a DRAFT or SCHEDULED campaign can be executed");
        }
        Campaign active = move(c, c.status(), CampaignStatus.ACTIVE);
        runner.wake(campaignId);
        return active;
    }

    @Override
    public Campaign pauseCampaign(Actor actor, long campaignId) {
        actor.require(Permission.CAMPAIGN_EXECUTE);
        return move(campaign(campaignId), CampaignStatus.ACTIVE, CampaignStatus.PAUSED);
    }

    @Override
    public Campaign resumeCampaign(Actor actor, long campaignId) {
        actor.require(Permission.CAMPAIGN_EXECUTE);
        Campaign resumed = move(campaign(campaignId), CampaignStatus.PAUSED, CampaignStatus.ACTIVE);
        runner.wake(campaignId);
        return resumed;
    }

    @Override
    public Campaign cancelCampaign(Actor actor, long campaignId) {
        actor.require(Permission.CAMPAIGN_EXECUTE);
        return cancel(campaign(campaignId));
    }

    private Campaign cancel(Campaign c) {
        if (!c.status().canMoveTo(CampaignStatus.CANCELLED)) {
            throw new IllegalTransitionException("campaign " + c.id() + " is " + c.status() + " and cannot be cancelled");
        }
        Campaign cancelled = move(c, c.status(), CampaignStatus.CANCELLED);
        engine.campaigns().cancelOpen(c.id(), engine.clock().instant());
        return cancelled;
    }

    @Override
    public int retryFailedMessages(Actor actor, long campaignId) {
        actor.require(Permission.CAMPAIGN_EXECUTE);
        Campaign c = campaign(campaignId);
        if (c.status() != CampaignStatus.ACTIVE && c.status() != CampaignStatus.PAUSED
                && c.status() != CampaignStatus.COMPLETED) {
            throw new IllegalTransitionException("campaign " + campaignId + " is " + c.status()
                    + "; failures can be retried only in an ACTIVE, PAUSED or COMPLETED campaign");
        }
        Instant now = engine.clock().instant();
        int requeued = engine.campaigns().requeueRetryableFailures(campaignId, now);
        if (requeued > 0) {
            // The status is read again after the requeue: a cancel or a completion that raced with
            // it must not leave the requeued recipients PENDING in a campaign nothing drives.
            Access.cancelOpenIfCancelled(runner, campaignId);
            engine.campaigns().transition(campaignId, CampaignStatus.COMPLETED, CampaignStatus.ACTIVE, now, null);
        }
        runner.wake(campaignId);
        return requeued;
    }

    @Override
    public List<CampaignRecipient> listInDoubt(Actor actor, long campaignId, long afterId, int limit) {
        actor.require(Permission.CAMPAIGN_VIEW);
        if (limit < 1 || limit > 1_000) {
            throw new ValidationException("limit", "out_of_range", "between 1 and 1000, got " + limit);
        }
        campaign(campaignId);
        return engine.campaigns().recipients(campaignId, java.util.EnumSet.of(RecipientStatus.IN_DOUBT),
                Math.max(0, afterId), limit);
    }

    @Override
    public CampaignRecipient resolveInDoubt(Actor actor, long campaignId, long recipientId,
                                            InDoubtResolution.Kind resolution) {
        actor.require(Permission.CAMPAIGN_EXECUTE);
        if (resolution == null || resolution == InDoubtResolution.Kind.SENT_UNCONFIRMED) {
            throw new ValidationException("resolution", "invalid_resolution",
                    "one of TREAT_AS_SENT, SEND_AGAIN");
        }
        Campaign c = campaign(campaignId);
        CampaignRecipient r = engine.campaigns().findRecipient(recipientId).filter(x -> x.campaignId() == campaignId)
                .orElseThrow(() -> new NotFoundException("recipient", recipientId));
        if (r.status() != RecipientStatus.IN_DOUBT) {
            throw new IllegalTransitionException("recipient " + recipientId + " is " + r.status()
                    + ", not IN_DOUBT; only a recipient held in doubt can be resolved");
        }
        if (resolution == InDoubtResolution.Kind.SEND_AGAIN && c.status() == CampaignStatus.CANCELLED) {
            throw new IllegalTransitionException("campaign " + campaignId + " is CANCELLED; its recipients held in"
                    + " doubt can only be treated as sent");
        }
        return runner.resolveInDoubt(recipientId, new InDoubtResolution(resolution, actor.id(),
                        engine.clock().instant()))
                .orElseThrow(() -> new IllegalTransitionException("recipient " + recipientId
                        + " was settled or resolved meanwhile"));
    }

    @Override
    public CampaignStatistics getCampaignStatistics(Actor actor, long campaignId) {
        actor.require(Permission.CAMPAIGN_VIEW);
        Campaign c = campaign(campaignId);
        CampaignCounters n = engine.campaigns().counts(campaignId);
        // The rates' base as the analytics count it (DeliveryCounting): accepted sends, failed ones included.
        long sent = n.sent() + (n.failed() == 0 ? 0 : engine.campaigns().countFailedAfterAcceptance(campaignId));
        double deliveryRate = io.leadreach.analytics.DeliveryCounting.rate(n.delivered(), sent);
        double readRate = io.leadreach.analytics.DeliveryCounting.rate(n.read(), sent);
        long total = n.total();
        double progress = total == 0 ? (c.materialized() ? 1 : 0) : (double) (total - n.open()) / total;
        double perSecond = Math.min(c.throttle().messagesPerMinute() / 60.0, engine.config().senderMessagesPerSecond());
        Duration left = n.open() == 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(n.open() / perSecond * 1000));
        long replied = engine.campaigns().countReplied(campaignId);
        double replyRate = sent == 0 ? 0 : Math.min(1, (double) replied / sent);
        return new CampaignStatistics(c.id(), c.name(), c.status(), n, deliveryRate, readRate, replied, replyRate,
                progress, left);
    }

    @Override
    public Campaign getCampaign(Actor actor, long campaignId) {
        actor.require(Permission.CAMPAIGN_VIEW);
        return campaign(campaignId);
    }

    @Override
    public List<Campaign> listCampaigns(Actor actor, Set<CampaignStatus> statuses) {
        actor.require(Permission.CAMPAIGN_VIEW);
        return engine.campaigns().list(statuses == null ? Set.of() : new HashSet<>(statuses));
    }

    private Campaign campaign(long id) {
        return engine.campaigns().find(id).orElseThrow(() -> new NotFoundException("campaign", id));
    }

    private Campaign move(Campaign c, CampaignStatus from, CampaignStatus to) {
        if (c.status() != from || !from.canMoveTo(to)) {
            throw new IllegalTransitionException("campaign " + c.id() + " is " + c.status() + "; cannot move to " + to);
        }
        return engine.campaigns().transition(c.id(), from, to, engine.clock().instant(), null)
                .orElseThrow(() -> new IllegalTransitionException("campaign " + c.id()
                        + " changed status concurrently; cannot move to " + to));
    }
}
