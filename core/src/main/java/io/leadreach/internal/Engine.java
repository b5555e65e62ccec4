package io.leadreach.internal;

import io.leadreach.attachment.AttachmentStore;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.ConsentStore;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.message.MessageStore;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.SendingConfig;
import io.leadreach.sending.WorkQueue;
import io.leadreach.template.TemplateRenderer;
import io.leadreach.template.TemplateStore;
import io.leadreach.tracking.ConversationStore;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.WhatsAppTransport;
import java.time.Clock;
import java.util.Objects;

/** Everything the services and the engine share, assembled once by {@link io.leadreach.LeadReach.Builder}. */
public record Engine(Clock clock, SendingConfig config, LeadDirectory leads, ConsentStore consent,
                     MessageStore messages, TemplateStore templates, CampaignStore campaigns,
                     AttachmentStore attachments, RateLimiter rateLimiter, WorkQueue workQueue,
                     WhatsAppTransport transport, PhoneNumbers phones, TemplateRenderer renderer, String nodeId,
                     ConversationStore conversations) {

    public Engine {
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
    }

    /**
     * Whether a free-form message may go to this number now: the service-window rule is off, or
     * the number wrote within the last 24 hours.
     */
    public boolean inServiceWindow(String e164, java.time.Instant now) {
        if (!config.enforceServiceWindow()) {
            return true;
        }
        return conversations.lastInboundAt(e164)
                .map(last -> now.isBefore(last.plus(SendingConfig.SERVICE_WINDOW)))
                .orElse(false);
    }

    /** The attachment as a file the transport can read. */
    public MediaFile mediaFile(StoredAttachment attachment) {
        return new MediaFile(attachment, () -> attachments.open(attachment.id()));
    }

    /** The key of the sender's token bucket. */
    public String senderKey() {
        return "sender:" + transport.senderId();
    }

    /** The key of a lead's pacing bucket. */
    public static String leadKey(long leadId) {
        return "lead:" + leadId;
    }

    /** The key of a campaign's token bucket. */
    public static String campaignKey(long campaignId) {
        return "campaign:" + campaignId;
    }
}
