package io.leadreach.campaign;

import io.leadreach.internal.CorrelationIds;
import io.leadreach.internal.Wiring;
import io.leadreach.internal.SendDecision;
import io.leadreach.internal.TemplateApprovals;
import io.leadreach.lead.Lead;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.transport.MessageContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks each claimed recipient by the {@link SendDecision} (the rules the service and the preview
 * apply too) and the per-lead pacing: skips it, defers it, or says what to send it.
 */
final class PreSendChecks {

    private final Wiring engine;
    private final SendDecision decision;
    private final Claiming claiming;

    PreSendChecks(Wiring engine, Claiming claiming) {
        this.engine = engine;
        this.decision = SendDecision.of(engine);
        this.claiming = claiming;
    }

    /** The recipients of the batch that are to be sent, in claim order; the others are skipped or deferred. */
    List<Ready> check(Campaign c, Claiming.Batch batch, Instant now) {
        List<Ready> ready = new ArrayList<>(batch.claimed().size());
        // the library template is read once a batch, and only for a campaign that sends an approved template
        MessageTemplate library = c.binding() == null || c.templateId() == null ? null
                : engine.templates().findById(c.templateId()).orElse(null);
        SendDecision.Draft draft = draft(c, library);
        TemplateApprovals approvals = TemplateApprovals.of(c.binding(), library == null ? null : library.binding());
        for (CampaignRecipient r : batch.claimed()) {
            Ready send = process(c, draft, approvals, r, batch.leads().get(r.leadId()), batch.numbers().get(r.leadId()),
                    batch, now);
            if (send != null) {
                ready.add(send);
            }
        }
        return ready;
    }

    /**
     * The campaign's message as the {@link SendDecision} takes it; whether its approved template is
     * a MARKETING one is read from the campaign's library template ({@code library}, null when it
     * has none or no binding).
     */
    private SendDecision.Draft draft(Campaign c, MessageTemplate library) {
        boolean marketing = false;
        if (c.binding() != null) {
            TemplateCategory category = library == null ? null : library.category();
            marketing = engine.categories().isMarketing(c.binding(), category);
        }
        return new SendDecision.Draft(c.body(), c.attachment() != null, c.binding(), marketing);
    }

    /**
     * Checks a claimed recipient by the {@link SendDecision} and maps its verdict: a skip skips the
     * recipient, a deferral releases it until then; a send is paced per lead (a side effect, so
     * here, after the decision). Returns what to send it, or null when it was skipped or deferred.
     */
    private Ready process(Campaign c, SendDecision.Draft draft, TemplateApprovals approvals, CampaignRecipient r,
                          Lead lead, String e164, Claiming.Batch batch, Instant now) {
        Tokens tokens = batch.tokens();
        SenderNumber from = engine.senderFor(c, r.leadId());
        boolean opted = lead != null && e164 != null && (lead.optedOut() || batch.optedOut().contains(e164));
        // (the window is looked up only when an earlier rule has not decided already)
        boolean inWindow = lead != null && e164 != null && !opted && engine.inServiceWindow(from.id(), e164, now);
        // outside the window the approved template goes, if the number's WABA has it approved
        boolean templateApproved = inWindow || approvals.approvedFrom(from);
        SendDecision.Verdict verdict = decision.decide(new SendDecision.Facts(lead, e164, opted, inWindow,
                templateApproved), draft, now);
        if (verdict instanceof SendDecision.Skip s) {
            claiming.skip(r, s.reason(), tokens, now);
            return null;
        }
        if (verdict instanceof SendDecision.Defer later) {
            claiming.defer(r, later.until(), tokens);
            return null;
        }
        SendDecision.Send send = (SendDecision.Send) verdict;
        Duration pacing = engine.config().leadPacing();
        if (!pacing.isZero()) {
            RateLimit paceLimit = RateLimit.oneEvery(pacing);
            String key = Wiring.leadKey(from.id(), lead.id());
            if (engine.rateLimiter().tryAcquire(key, paceLimit, 1) == 0) {
                claiming.defer(r, now.plus(engine.rateLimiter().timeToNextPermit(key, paceLimit)), tokens);
                return null;
            }
        }
        String correlationId = CorrelationIds.forRecipient(c.id(), r.id(), r.attempts() + 1, r.leaseUntil());
        MessageContent content = SendDecision.content(send, lead, c.binding(), c.attachment(), engine::mediaFile);
        return new Ready(r, lead, e164, send.body(), correlationId, content, from);
    }
}
