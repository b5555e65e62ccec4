package io.leadreach.spring.internal;

import io.leadreach.BulkSendResult;
import io.leadreach.CampaignStatistics;
import io.leadreach.SendResult;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.sending.JobProgress;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.time.Instant;
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
    public record BulkView(List<SendView> results, long accepted, long failed) {
        static BulkView of(BulkSendResult r) {
            List<SendView> views = r.results().stream().map(SendView::of).toList();
            long ok = r.results().stream().filter(SendResult::isAccepted).count();
            return new BulkView(views, ok, views.size() - ok);
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

    /** A campaign. */
    public record CampaignView(long id, String name, String description, String kind, String status,
                               Long templateId, String body, AttachmentView attachment, TargetView target,
                               Instant scheduledAt, int messagesPerMinute, int maxAttempts, String createdBy,
                               Instant createdAt, Instant startedAt, Instant completedAt, String statusReason) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.name(), c.description(), c.kind().name(), c.status().name(),
                    c.templateId(), c.body(), AttachmentView.of(c.attachment()), TargetView.of(c.target()),
                    c.scheduledAt(), c.throttle().messagesPerMinute(), c.retryPolicy().maxAttempts(), c.createdBy(),
                    c.createdAt(), c.startedAt(), c.completedAt(), c.statusReason());
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

    /** The JSON a campaign is created from; see {@link io.leadreach.CampaignSpec}. */
    public record CampaignRequest(String name, String description, Long templateId, String body,
                                  TargetView target, Instant scheduledAt, Integer messagesPerMinute,
                                  Integer maxAttempts) {
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

    /** The approved WhatsApp template a library template is sent as outside the 24-hour window. */
    public record BindingView(String name, String language, List<String> parameters) {
        static BindingView of(WhatsAppTemplateBinding b) {
            return b == null ? null : new BindingView(b.name(), b.language(), b.parameters());
        }
    }

    /**
     * A template to create or the new state of one to update: {@code category} is one of
     * GREETING, FOLLOW_UP, REMINDER, PROMOTIONAL; {@code active} defaults to true; {@code binding}
     * is optional.
     */
    public record TemplateRequest(String name, String category, String body, Boolean active, BindingView binding) {
    }
}
