package io.leadreach.spring.internal;

import io.leadreach.BulkSendResult;
import io.leadreach.CampaignStatistics;
import io.leadreach.SendResult;
import io.leadreach.TestSendResult;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.history.ConsentState;
import io.leadreach.history.LeadAttachment;
import io.leadreach.history.LeadTimeline;
import io.leadreach.history.RecipientPage;
import io.leadreach.history.RecipientRow;
import io.leadreach.history.TimelineEntry;
import io.leadreach.lead.Lead;
import io.leadreach.message.LeadMessage;
import io.leadreach.preview.BulkSendCheck;
import io.leadreach.preview.TargetListCheck;
import io.leadreach.tracking.LeadReply;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.TrackingStatistics;
import io.leadreach.transport.WhatsAppErrorCodes;
import io.leadreach.analytics.CampaignComparison;
import io.leadreach.analytics.DailyTotals;
import io.leadreach.analytics.MessageTotals;
import io.leadreach.analytics.PeriodTotals;
import io.leadreach.analytics.SendHourSuggestion;
import io.leadreach.analytics.TemplatePerformance;
import io.leadreach.analytics.WeekdayHourCounts;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.preview.CampaignPreview;
import io.leadreach.preview.CostEstimate;
import io.leadreach.sending.JobProgress;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The JSON bodies of the REST API: plain records, decoupled from the core's types. */
public final class Views {

    private Views() {
    }

    /** One send's outcome. */
    public record SendView(long leadId, long messageId, String status, String providerMessageId,
                           String errorCode, String errorMessage) {
        static SendView of(SendResult r) {
            return new SendView(r.leadId(), r.messageId(), r.status().name(), r.providerMessageId(), r.errorCode(),
                    r.errorMessage());
        }
    }

    /** A bulk send answered at once. */
    /**
     * A bulk send answered at once: 200 even when some leads were refused. {@code throttled} counts
     * the leads refused by pacing, a throttle or quiet hours (error code {@code throttled}: nothing
     * was sent to them, send to them again later), and {@code summary} says so in words.
     */
    public record BulkView(List<SendView> results, long accepted, long failed, long throttled, String summary) {
        static BulkView of(BulkSendResult r) {
            List<SendView> views = r.results().stream().map(SendView::of).toList();
            long ok = r.results().stream().filter(SendResult::isAccepted).count();
            long throttled = r.results().stream().filter(x -> "throttled".equals(x.errorCode())).count();
            long failed = views.size() - ok;
            String summary = ok + " of " + views.size() + " sent" + (failed == 0 ? ""
                    : "; " + failed + " failed" + (throttled == 0 ? "" : ", " + throttled
                    + " of them refused by pacing, a throttle or quiet hours (error code throttled):"
                    + " nothing was sent to them, send to them again later"));
            return new BulkView(views, ok, failed, throttled, summary);
        }
    }

    /** A bulk send that became a background job. */
    public record JobAccepted(long jobId, String status, String statusUrl) {
    }

    /** A job's progress. */
    public record JobView(long jobId, String state, long total, long sent, long failed, long skipped, long cancelled,
                          long inDoubt, long pending, double fractionDone, boolean finished) {
        static JobView of(JobProgress p) {
            return new JobView(p.jobId(), p.state(), p.total(), p.sent(), p.failed(), p.skipped(), p.cancelled(),
                    p.inDoubt(), p.pending(), p.fractionDone(), p.isFinished());
        }
    }

    /** An attachment's description. */
    public record AttachmentView(String id, String filename, String mimeType, long size) {
        static AttachmentView of(StoredAttachment a) {
            return a == null ? null : new AttachmentView(a.id(), a.filename(), a.mimeType(), a.size());
        }
    }

    /** Which leads a campaign targets. */
    public record TargetView(Set<String> statuses, Set<String> sources, Set<String> priorities, Instant createdFrom,
                             Instant createdTo, Set<Long> leadIds, Map<String, String> attributes) {
        static TargetView of(TargetCriteria t) {
            return new TargetView(t.statuses(), t.sources(), t.priorities(), t.createdFrom(), t.createdTo(),
                    t.leadIds(), t.attributes());
        }
    }

    /**
     * A campaign. {@code senderNumbers}: the ids of the numbers it sends from (empty: the default
     * number; several: a pool, spread by lead).
     */
    public record CampaignView(long id, String name, String description, String kind, String status,
                               Long templateId, String body, AttachmentView attachment, TargetView target,
                               Instant scheduledAt, int messagesPerMinute, int maxAttempts, String createdBy,
                               Instant createdAt, Instant startedAt, Instant completedAt, String statusReason,
                               List<String> senderNumbers) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.name(), c.description(), c.kind().name(), c.status().name(),
                    c.templateId(), c.body(), AttachmentView.of(c.attachment()), TargetView.of(c.target()),
                    c.scheduledAt(), c.throttle().messagesPerMinute(), c.retryPolicy().maxAttempts(), c.createdBy(),
                    c.createdAt(), c.startedAt(), c.completedAt(), c.statusReason(), c.senderNumbers());
        }
    }

    /** A campaign's figures. */
    public record StatisticsView(long total, long sent, long delivered, long read, long failed, long skipped,
                                 long cancelled, long inDoubt, long open, Map<String, Long> byStatus,
                                 double deliveryRate, double readRate, double progress,
                                 long estimatedSecondsLeft) {
        static StatisticsView of(CampaignStatistics s) {
            CampaignCounters c = s.counters();
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (RecipientStatus status : RecipientStatus.values()) {
                byStatus.put(status.name().toLowerCase(Locale.ROOT), c.get(status));
            }
            return new StatisticsView(c.total(), c.sent(), c.delivered(), c.read(), c.failed(), c.skipped(),
                    c.cancelled(), c.inDoubt(), c.open(), byStatus, s.deliveryRate(), s.readRate(), s.progress(),
                    s.estimatedTimeLeft().toSeconds());
        }
    }

    /** A campaign with its figures. */
    public record CampaignDetails(CampaignView campaign, StatisticsView statistics) {
    }

    /** How many failed recipients were queued again. */
    public record RetryView(long campaignId, int requeued) {
    }

    /**
     * The JSON a campaign is created from; see {@link io.leadreach.CampaignSpec}. {@code senderNumbers}
     * (optional): the ids of the registered numbers to send from (none: the default number; several:
     * a pool, spread by lead); see {@code GET /leads/whatsapp/sender-numbers}.
     */
    public record CampaignRequest(String name, String description, Long templateId, String body,
                                  TargetView target, Instant scheduledAt, Integer messagesPerMinute,
                                  Integer maxAttempts, List<String> senderNumbers) {
    }

    /**
     * A business number the engine sends from. {@code messagesPerSecond}: its own send rate, null
     * when it sends at the engine's sender rate; {@code defaultNumber}: campaigns that name no
     * number, and single sends, go from it.
     */
    public record SenderNumberView(String id, String displayNumber, String wabaId, Double messagesPerSecond,
                                   boolean defaultNumber) {
        static SenderNumberView of(SenderNumber n, boolean isDefault) {
            return new SenderNumberView(n.id(), n.displayNumber(), n.wabaId(),
                    n.rate() == null ? null : perSecond(n.rate()), isDefault);
        }

        /** A rate's sustained permits per second. */
        public static double perSecond(RateLimit rate) {
            return rate.refillPermits() * 1e9 / rate.refillPeriod().toNanos();
        }
    }

    /** A library template as the API shows it. */
    public record TemplateView(long id, String name, String category, String body, AttachmentView attachment,
                               boolean active, long usageCount, String createdBy, Instant createdAt,
                               BindingView binding) {
        static TemplateView of(MessageTemplate t) {
            return new TemplateView(t.id(), t.name(), t.category().name(), t.body(), AttachmentView.of(t.attachment()),
                    t.active(), t.usageCount(), t.createdBy(), t.createdAt(), BindingView.of(t.binding()));
        }
    }

    /**
     * The approved WhatsApp template a library template is sent as outside the 24-hour window.
     * {@code status} ({@code APPROVED}, {@code PAUSED}, {@code REJECTED}, ...; null until Meta
     * reported one: the newest report, whichever WhatsApp Business Account it came from),
     * {@code statusAt}, {@code wabaStatuses} (each WABA's own report, by WABA id) and {@code usable}
     * (whether a number of an unknown WABA may send it) come from Meta's template status webhooks:
     * they are shown, and ignored in requests.
     */
    public record BindingView(String name, String language, List<String> parameters, String status,
                              Instant statusAt, Map<String, WhatsAppTemplateBinding.ProviderStatus> wabaStatuses,
                              Boolean usable) {
        static BindingView of(WhatsAppTemplateBinding b) {
            if (b == null) {
                return null;
            }
            WhatsAppTemplateBinding.ProviderStatus latest = b.latest();
            return new BindingView(b.name(), b.language(), b.parameters(), latest == null ? null : latest.status(),
                    latest == null ? null : latest.at(), b.wabaStatuses(), b.usable());
        }
    }

    // ---------------------------------------------------------------- history, checks and tests

    /** A message's attachment, with where to download it (relative to the application's context path). */
    public record MessageAttachmentView(String id, String filename, String mimeType, long size, String downloadUrl) {
        static MessageAttachmentView of(long messageId, StoredAttachment a) {
            return a == null ? null : new MessageAttachmentView(a.id(), a.filename(), a.mimeType(), a.size(),
                    Routes.ATTACHMENT.replace("{messageId}", String.valueOf(messageId)));
        }
    }

    /** One recipient of a campaign with its lead's name and number (null when the CRM no longer has the lead). */
    public record RecipientView(long id, long leadId, String leadName, String mobile, String status, int attempts,
                                Instant sentAt, Instant deliveredAt, Instant readAt, Instant repliedAt,
                                String errorCode, String errorMessage, String errorDescription, String skipReason,
                                String wamid, Instant updatedAt, ResolutionView resolution) {
        static RecipientView of(RecipientRow row) {
            CampaignRecipient r = row.recipient();
            Lead l = row.lead();
            return new RecipientView(r.id(), r.leadId(), l == null ? null : l.name(), l == null ? null : l.mobile(),
                    r.status().name(), r.attempts(), r.sentAt(), r.deliveredAt(), r.readAt(), r.repliedAt(),
                    r.errorCode(), r.errorMessage(), WhatsAppErrorCodes.describe(r.errorCode()).orElse(null),
                    r.skipReason() == null ? null : r.skipReason().name(), r.providerMessageId(), r.updatedAt(),
                    ResolutionView.of(r.resolution()));
        }
    }

    /**
     * How a recipient held IN_DOUBT was let out: {@code kind} TREAT_AS_SENT or SEND_AGAIN (an
     * operator's decision) or SENT_UNCONFIRMED (the reconciliation), {@code by} whom, {@code at} when.
     */
    public record ResolutionView(String kind, String by, Instant at) {
        static ResolutionView of(io.leadreach.campaign.InDoubtResolution r) {
            return r == null ? null : new ResolutionView(r.kind().name(), r.actor(), r.at());
        }
    }

    /** The JSON a recipient held IN_DOUBT is resolved with: {@code TREAT_AS_SENT} or {@code SEND_AGAIN}. */
    public record ResolveRequest(String resolution) {
    }

    /** A recipient just let out of IN_DOUBT. */
    public record ResolvedView(long campaignId, long recipientId, long leadId, String status, int attempts,
                               ResolutionView resolution) {
        static ResolvedView of(CampaignRecipient r) {
            return new ResolvedView(r.campaignId(), r.id(), r.leadId(), r.status().name(), r.attempts(),
                    ResolutionView.of(r.resolution()));
        }
    }

    /** A page of a campaign's recipients; {@code nextAfter} is the next page's {@code after}, null on the last. */
    public record RecipientPageView(long campaignId, List<RecipientView> recipients, Long nextAfter) {
        static RecipientPageView of(RecipientPage p) {
            return new RecipientPageView(p.campaignId(), p.rows().stream().map(RecipientView::of).toList(), p.nextAfter());
        }
    }

    /** A campaign's live figures, as the stream sends them. */
    public record FiguresView(long campaignId, String status, StatisticsView statistics) {
        static FiguresView of(CampaignStatistics s) {
            return new FiguresView(s.campaignId(), s.status().name(), StatisticsView.of(s));
        }
    }

    /**
     * A message of the log ({@code wamid}: the Cloud API's message id once accepted;
     * {@code senderNumber}: the id of the business number it went from, null when not known).
     */
    public record MessageView(long id, long leadId, String mobile, String body, String status, String sentBy,
                              Long campaignId, String wamid, String errorCode, String errorMessage,
                              String errorDescription, int attempts, Instant createdAt, Instant sentAt,
                              Instant deliveredAt, Instant readAt, Instant failedAt, MessageAttachmentView attachment,
                              String senderNumber) {
        static MessageView of(LeadMessage m) {
            return new MessageView(m.id(), m.leadId(), m.mobile(), m.body(), m.status().name(), m.sentBy(),
                    m.campaignId(), m.providerMessageId(), m.errorCode(), m.errorMessage(),
                    WhatsAppErrorCodes.describe(m.errorCode()).orElse(null), m.attempts(), m.createdAt(), m.sentAt(),
                    m.deliveredAt(), m.readAt(), m.failedAt(), MessageAttachmentView.of(m.id(), m.attachment()),
                    m.senderNumber());
        }
    }

    /** A page of the message log, oldest first. */
    public record MessagePageView(List<MessageView> messages, Long nextAfter) {
    }

    /** A reply of a lead: {@code answersMessageId} is the message it answers, {@code consent} what it did to consent. */
    public record ReplyView(long id, long leadId, String mobile, String text, String buttonPayload,
                            Long answersMessageId, Long campaignId, String consent, String wamid, Instant receivedAt) {
        static ReplyView of(ReplyStore.RecordedReply r) {
            LeadReply x = r.reply();
            return new ReplyView(r.id(), x.leadId(), x.mobile(), x.text(), x.buttonPayload(), x.messageId(),
                    x.campaignId(), x.consent().name(), x.providerMessageId(), x.receivedAt());
        }
    }

    /** A page of replies, oldest first. */
    public record ReplyPageView(List<ReplyView> replies, Long nextAfter) {
    }

    /** The delivery tracker's counters since the application started (every event lands in one of the first six). */
    public record TrackingView(long received, long applied, long duplicates, long unknown, long stale,
                               long unmatchedReplies, long ambiguousReplies, long settled, long optOuts, long optIns) {
        static TrackingView of(TrackingStatistics t) {
            return new TrackingView(t.received(), t.applied(), t.duplicates(), t.unknown(), t.stale(),
                    t.unmatchedReplies(), t.ambiguousReplies(), t.settled(), t.optOuts(), t.optIns());
        }
    }

    /**
     * One entry of a lead's timeline: {@code type} is {@code message} (to the lead) or {@code reply}
     * (from it); fields that do not apply to the type are null. {@code senderNumber}: the id of the
     * business number a message went from (null when not known).
     */
    public record TimelineEntryView(String type, long id, Instant at, String body, String status, String errorCode,
                                    String errorMessage, String errorDescription, Long campaignId, String campaignName,
                                    String sentBy, Instant sentAt, Instant deliveredAt, Instant readAt,
                                    Instant failedAt, MessageAttachmentView attachment, String wamid,
                                    String buttonPayload, Long answersMessageId, String consent, String senderNumber) {
        static TimelineEntryView of(TimelineEntry e) {
            if (e instanceof TimelineEntry.Outgoing o) {
                LeadMessage m = o.message();
                return new TimelineEntryView("message", m.id(), m.createdAt(), m.body(), m.status().name(),
                        m.errorCode(), m.errorMessage(), WhatsAppErrorCodes.describe(m.errorCode()).orElse(null),
                        m.campaignId(), o.campaignName(), m.sentBy(), m.sentAt(), m.deliveredAt(), m.readAt(),
                        m.failedAt(), MessageAttachmentView.of(m.id(), m.attachment()), m.providerMessageId(), null,
                        null, null, m.senderNumber());
            }
            ReplyStore.RecordedReply r = ((TimelineEntry.Incoming) e).reply();
            LeadReply x = r.reply();
            return new TimelineEntryView("reply", r.id(), x.receivedAt(), x.text(), null, null, null, null,
                    x.campaignId(), null, null, null, null, null, null, null, x.providerMessageId(), x.buttonPayload(),
                    x.messageId(), x.consent().name(), null);
        }
    }

    /**
     * A lead's consent: {@code source} is who or what made the latest recorded change
     * ({@code keyword}, {@code button}, {@code error-131050}, ...), {@code changedAt} when.
     */
    public record ConsentView(String mobile, boolean optedOut, boolean optedOutInCrm, String source, Instant changedAt) {
        static ConsentView of(ConsentState c) {
            return new ConsentView(c.mobile(), c.optedOut(), c.optedOutInCrm(), c.source(), c.changedAt());
        }
    }

    /** A page of a lead's timeline, newest first; {@code nextCursor} is the next page's {@code before}, null on the last. */
    public record LeadTimelineView(long leadId, List<TimelineEntryView> entries, String nextCursor, ConsentView consent) {
        static LeadTimelineView of(LeadTimeline t) {
            return new LeadTimelineView(t.leadId(), t.entries().stream().map(TimelineEntryView::of).toList(),
                    t.nextCursor(), ConsentView.of(t.consent()));
        }
    }

    /** An attachment sent to a lead. */
    public record LeadAttachmentView(long messageId, String filename, String contentType, long size, Instant sentAt,
                                     String downloadUrl) {
        static LeadAttachmentView of(LeadAttachment a) {
            return new LeadAttachmentView(a.messageId(), a.attachment().filename(), a.attachment().mimeType(),
                    a.attachment().size(), a.sentAt(), Routes.ATTACHMENT.replace("{messageId}",
                    String.valueOf(a.messageId())));
        }
    }

    /** A lead's attachments, newest first. */
    public record LeadAttachmentsView(long leadId, List<LeadAttachmentView> attachments) {
    }

    /** The JSON of a bulk-send check: the leads to check. */
    public record BulkCheckRequest(List<Long> leadIds) {
    }

    /**
     * A bulk-send check: reasons in lower case ({@code opted_out}, {@code invalid_number},
     * {@code outside_service_window}, {@code unknown_lead}); at most 100 ids listed per reason.
     */
    public record BulkCheckView(int selected, int willSend, long totalSkipped, Map<String, Long> skipped,
                                Map<String, List<Long>> leadIdsByReason) {
        static BulkCheckView of(BulkSendCheck c) {
            Map<String, Long> skipped = new LinkedHashMap<>();
            Map<String, List<Long>> ids = new LinkedHashMap<>();
            c.skipped().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                String reason = e.getKey().name().toLowerCase(Locale.ROOT);
                skipped.put(reason, e.getValue());
                ids.put(reason, c.skippedLeadIds().getOrDefault(e.getKey(), List.of()));
            });
            if (c.unknown() > 0) {
                skipped.put("unknown_lead", c.unknown());
                ids.put("unknown_lead", c.unknownLeadIds());
            }
            long total = skipped.values().stream().mapToLong(Long::longValue).sum();
            return new BulkCheckView(c.selected(), c.willSend(), total, skipped, ids);
        }
    }

    /** A line of an uploaded lead list that is not a lead id. */
    public record InvalidLineView(int line, String value, String reason) {
    }

    /** An uploaded lead list read: ids in file order without duplicates, bad lines, and ids the CRM does not know. */
    public record TargetCsvView(List<Long> leadIds, int duplicates, List<InvalidLineView> invalid, int invalidCount,
                                List<Long> unknown) {
        static TargetCsvView of(TargetListCheck c) {
            return new TargetCsvView(c.list().leadIds(), c.list().duplicates(), c.list().invalid().stream()
                    .map(i -> new InvalidLineView(i.line(), i.value(), i.reason())).toList(), c.list().invalidCount(),
                    c.unknown());
        }
    }

    /** The JSON of a test send: a {@code body} or a {@code templateId}, and optionally the lead whose variables fill it. */
    public record TestSendRequest(String body, Long templateId, Long sampleLeadId) {
    }

    /** A test send's outcome ({@code status}: SENT, FAILED or QUEUED when unknown). */
    public record TestSendView(String to, String renderedBody, boolean asTemplate, String status, String wamid,
                               String errorCode, String errorMessage, String errorDescription) {
        static TestSendView of(TestSendResult r) {
            return new TestSendView(r.to(), r.renderedBody(), r.asTemplate(), r.status().name(), r.providerMessageId(),
                    r.errorCode(), r.errorMessage(), WhatsAppErrorCodes.describe(r.errorCode()).orElse(null));
        }
    }

    /**
     * A template to create or the new state of one to update: {@code category} is one of
     * GREETING, FOLLOW_UP, REMINDER, PROMOTIONAL; {@code active} defaults to true; {@code binding}
     * is optional.
     */
    public record TemplateRequest(String name, String category, String body, Boolean active, BindingView binding) {
    }

    /** A campaign preview: nothing was saved or sent. Durations are in seconds; skip reasons in lower case. */
    public record PreviewView(long matchingLeads, long scanned, boolean complete, Long sampleLeadId,
                              String renderedSample, long willSend, long templateSends, long freeFormSends,
                              Map<String, Long> skipped, long totalSkipped, String templateCategory,
                              long estimatedDurationSeconds, Instant estimatedEnd, CostView cost,
                              List<String> assumptions) {
        static PreviewView of(CampaignPreview p) {
            Map<String, Long> skipped = new LinkedHashMap<>();
            p.skipped().forEach((reason, n) -> skipped.put(reason.name().toLowerCase(Locale.ROOT), n));
            return new PreviewView(p.matchingLeads(), p.scanned(), p.complete(), p.sampleLeadId(), p.renderedSample(),
                    p.willSend(), p.templateSends(), p.freeFormSends(), skipped, p.totalSkipped(),
                    p.templateCategory() == null ? null : p.templateCategory().name(),
                    p.estimatedDuration().toSeconds(), p.estimatedEnd(), CostView.of(p.cost()), p.assumptions());
        }
    }

    /** A preview's cost estimate from the loaded rate card (absent without one). */
    public record CostView(String currency, BigDecimal total, long priced, long free, long unpriced) {
        static CostView of(CostEstimate c) {
            return c == null ? null : new CostView(c.currency().getCurrencyCode(), c.total(), c.priced(), c.free(),
                    c.unpriced());
        }
    }

    /** The analytics dashboard: the period is {@code from} to {@code to}, both included, in {@code zone}. */
    public record AnalyticsView(String zone, LocalDate from, LocalDate to, PeriodView sent, TotalsView period,
                                List<ComparisonView> campaigns, List<TemplateRankView> topTemplates,
                                HeatMapView sendsByWeekdayHour, HeatMapView readsByWeekdayHour,
                                List<DayView> daily, SendHourView suggestedSendHour) {
        AnalyticsView(String zone, LocalDate from, LocalDate to, PeriodTotals sent, TotalsView period,
                      List<ComparisonView> campaigns, List<TemplateRankView> topTemplates, HeatMapView sends,
                      HeatMapView reads, List<DailyTotals> daily, SendHourSuggestion suggestion) {
            this(zone, from, to, new PeriodView(sent.today(), sent.thisWeek(), sent.thisMonth()), period, campaigns,
                    topTemplates, sends, reads, daily.stream().map(DayView::of).toList(), SendHourView.of(suggestion));
        }
    }

    /** Messages sent today, this week and this month, up to now. */
    public record PeriodView(long today, long thisWeek, long thisMonth) {
    }

    /** Totals and rates over messages accepted in a period (rates are shares from 0 to 1). */
    public record TotalsView(long sent, long delivered, long read, long replied, long failed, double deliveryRate,
                             double readRate, double replyRate) {
        static TotalsView of(MessageTotals t) {
            return new TotalsView(t.sent(), t.delivered(), t.read(), t.replied(), t.failed(), t.deliveryRate(),
                    t.readRate(), t.replyRate());
        }
    }

    /** One campaign beside the others. */
    public record ComparisonView(long campaignId, String name, String status, Long templateId, long total, long sent,
                                 long delivered, long read, long replied, long failed, long skipped,
                                 double deliveryRate, double readRate, double replyRate) {
        static ComparisonView of(CampaignComparison c) {
            CampaignCounters n = c.counters();
            return new ComparisonView(c.campaignId(), c.name(), c.status().name(), c.templateId(), n.total(), n.sent(),
                    n.delivered(), n.read(), c.replied(), n.failed(), n.skipped(), c.deliveryRate(), c.readRate(),
                    c.replyRate());
        }
    }

    /** A library template's figures over its campaigns' messages in the period. */
    public record TemplateRankView(long templateId, TotalsView totals) {
        static TemplateRankView of(TemplatePerformance p) {
            return new TemplateRankView(p.templateId(), TotalsView.of(p.totals()));
        }
    }

    /** Counts by local weekday (MONDAY ... SUNDAY) and hour (24 numbers, hour 0 first). */
    public record HeatMapView(Map<String, long[]> byWeekday, long total) {
        static HeatMapView of(WeekdayHourCounts counts) {
            Map<String, long[]> days = new LinkedHashMap<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                long[] hours = new long[24];
                for (int h = 0; h < 24; h++) {
                    hours[h] = counts.get(d, h);
                }
                days.put(d.name(), hours);
            }
            return new HeatMapView(days, counts.total());
        }
    }

    /** One local day of the series. */
    public record DayView(LocalDate day, long sent, long delivered, long read) {
        static DayView of(DailyTotals d) {
            return new DayView(d.day(), d.sent(), d.delivered(), d.read());
        }
    }

    /** A suggested local send hour; {@code fallback} when there were too few reads to go by. */
    public record SendHourView(LocalTime hour, long reads, boolean fallback, String explanation) {
        static SendHourView of(SendHourSuggestion s) {
            return new SendHourView(s.hour(), s.reads(), s.fallback(), s.explanation());
        }
    }
}
