package io.leadreach.internal;

import io.leadreach.NotFoundException;
import io.leadreach.ValidationException;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.history.ConsentState;
import io.leadreach.history.LeadAttachment;
import io.leadreach.history.LeadTimeline;
import io.leadreach.history.MessageHistoryService;
import io.leadreach.history.RecipientPage;
import io.leadreach.history.RecipientRow;
import io.leadreach.history.TimelineEntry;
import io.leadreach.lead.ConsentStore;
import io.leadreach.lead.Lead;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.ReplyStore.RecordedReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@link MessageHistoryService} that {@link io.leadreach.LeadReach} assembles. */
public final class DefaultMessageHistoryService implements MessageHistoryService {

    private static final Pattern CURSOR = Pattern.compile("m(\\d{1,19})\\.r(\\d{1,19})");
    private static final int SCAN_PAGE = 500;

    private final Wiring engine;
    private final ReplyStore replies;

    public DefaultMessageHistoryService(Wiring engine, ReplyStore replies) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.replies = Objects.requireNonNull(replies, "replies");
    }

    @Override
    public RecipientPage recipients(Actor actor, long campaignId, Set<RecipientStatus> statuses, long afterId,
                                    int limit) {
        actor.require(Permission.CAMPAIGN_VIEW);
        checkLimit(limit);
        engine.campaigns().find(campaignId).orElseThrow(() -> new NotFoundException("campaign", campaignId));
        List<CampaignRecipient> page = engine.campaigns().recipients(campaignId,
                statuses == null ? Set.of() : statuses, Math.max(0, afterId), limit);
        Set<Long> leadIds = new HashSet<>();
        for (CampaignRecipient r : page) {
            leadIds.add(r.leadId());
        }
        Map<Long, Lead> leads = new HashMap<>();
        if (!leadIds.isEmpty()) {
            for (Lead l : engine.leads().findByIds(leadIds)) {
                leads.put(l.id(), l);
            }
        }
        List<RecipientRow> rows = new ArrayList<>(page.size());
        for (CampaignRecipient r : page) {
            rows.add(new RecipientRow(r, leads.get(r.leadId())));
        }
        Long next = page.size() < limit || page.isEmpty() ? null : page.get(page.size() - 1).id();
        return new RecipientPage(campaignId, rows, next);
    }

    @Override
    public List<LeadMessage> messages(Actor actor, MessageFilter filter, long afterId, int limit) {
        actor.require(Permission.CAMPAIGN_VIEW);
        checkLimit(limit);
        return engine.messages().page(filter == null ? MessageFilter.all() : filter, Math.max(0, afterId), limit);
    }

    @Override
    public List<RecordedReply> replies(Actor actor, long afterId, int limit) {
        actor.require(Permission.CAMPAIGN_VIEW);
        checkLimit(limit);
        return replies.page(Math.max(0, afterId), limit);
    }

    @Override
    public LeadTimeline leadTimeline(Actor actor, long leadId, String before, int limit) {
        actor.requireAny(Permission.SEND, Permission.CAMPAIGN_VIEW);
        checkLimit(limit);
        long messagesBefore = Long.MAX_VALUE;
        long repliesBefore = Long.MAX_VALUE;
        if (before != null && !before.isBlank()) {
            Matcher m = CURSOR.matcher(before.strip());
            if (!m.matches()) {
                throw new ValidationException("before", "invalid_cursor", "'before' must be the nextCursor of the"
                        + " previous page (such as m120.r45)");
            }
            try {
                messagesBefore = Long.parseLong(m.group(1));
                repliesBefore = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw new ValidationException("before", "invalid_cursor", "the cursor's ids are out of range");
            }
        }
        Lead lead = engine.leads().findById(leadId).orElseThrow(() -> new NotFoundException("lead", leadId));
        // Each source is read in its own id order, one beyond the page, and the two are merged by
        // time; the cursor holds where each source stands, so no entry is skipped or repeated.
        List<LeadMessage> sent = engine.messages().pageBefore(MessageFilter.lead(leadId), messagesBefore, limit + 1);
        List<RecordedReply> got = replies.pageByLead(leadId, repliesBefore, limit + 1);
        List<TimelineEntry> entries = new ArrayList<>(limit);
        Map<Long, Optional<Campaign>> campaigns = new HashMap<>();
        Function<Long, String> campaignName = id -> id == null ? null
                : campaigns.computeIfAbsent(id, engine.campaigns()::find).map(Campaign::name).orElse(null);
        int i = 0;
        int j = 0;
        long nextMessages = messagesBefore;
        long nextReplies = repliesBefore;
        while (entries.size() < limit && (i < sent.size() || j < got.size())) {
            boolean takeMessage = j >= got.size() || (i < sent.size()
                    && !sent.get(i).createdAt().isBefore(got.get(j).reply().receivedAt()));
            if (takeMessage) {
                LeadMessage m = sent.get(i++);
                entries.add(new TimelineEntry.Outgoing(m, campaignName.apply(m.campaignId())));
                nextMessages = m.id();
            } else {
                RecordedReply r = got.get(j++);
                entries.add(new TimelineEntry.Incoming(r));
                nextReplies = r.id();
            }
        }
        boolean more = i < sent.size() || j < got.size();
        String cursor = more ? "m" + nextMessages + ".r" + nextReplies : null;
        return new LeadTimeline(leadId, entries, cursor, consent(lead));
    }

    private ConsentState consent(Lead lead) {
        Optional<String> e164 = engine.phones().tryE164(lead.mobile());
        Optional<ConsentStore.Consent> recorded = e164.flatMap(engine.consent()::find);
        boolean optedOut = lead.optedOut() || recorded.map(ConsentStore.Consent::optedOut).orElse(false);
        return new ConsentState(e164.orElse(null), optedOut, lead.optedOut(),
                recorded.map(ConsentStore.Consent::source).orElse(null),
                recorded.map(ConsentStore.Consent::changedAt).orElse(null));
    }

    @Override
    public List<LeadAttachment> leadAttachments(Actor actor, long leadId) {
        actor.requireAny(Permission.SEND, Permission.CAMPAIGN_VIEW);
        engine.leads().findById(leadId).orElseThrow(() -> new NotFoundException("lead", leadId));
        List<LeadAttachment> out = new ArrayList<>();
        long before = Long.MAX_VALUE;
        int scanned = 0;
        while (scanned < MAX_ATTACHMENT_SCAN) {
            List<LeadMessage> page = engine.messages().pageBefore(MessageFilter.lead(leadId), before,
                    Math.min(SCAN_PAGE, MAX_ATTACHMENT_SCAN - scanned));
            for (LeadMessage m : page) {
                if (m.attachment() != null) {
                    out.add(new LeadAttachment(m.id(), m.attachment(), m.createdAt()));
                }
            }
            scanned += page.size();
            if (page.size() < SCAN_PAGE) {
                break;
            }
            before = page.get(page.size() - 1).id();
        }
        return out;
    }

    @Override
    public AttachmentContent attachment(Actor actor, long messageId) {
        actor.requireAny(Permission.SEND, Permission.CAMPAIGN_VIEW);
        LeadMessage m = engine.messages().findById(messageId).filter(x -> x.attachment() != null)
                .orElseThrow(() -> new NotFoundException("attachment", messageId));
        String id = m.attachment().id();
        if (engine.attachments().find(id).isEmpty()) {
            throw new NotFoundException("attachment", messageId);
        }
        return new AttachmentContent(new LeadAttachment(m.id(), m.attachment(), m.createdAt()),
                () -> engine.attachments().open(id));
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "out_of_range", "limit must be between 1 and " + MAX_LIMIT
                    + ", got " + limit);
        }
    }
}
