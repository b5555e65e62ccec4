package io.leadreach;

import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.security.Actor;
import io.leadreach.sending.JobProgress;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a CRM calls: send to one lead or many, create and run campaigns, and read their figures.
 * Every operation checks the actor's permission first; a refusal
 * ({@link io.leadreach.security.PermissionDeniedException}), bad input ({@link ValidationException}),
 * an unknown id ({@link NotFoundException}) or a wrong state ({@link IllegalTransitionException})
 * is a typed exception and changes nothing.
 */
public interface LeadWhatsAppService {

    /**
     * Sends a message, with an optional attachment, to one lead and answers with the outcome at once.
     * Needs {@code lead-whatsapp-send}. The message (at most 4096 characters, or 1024 with an
     * attachment) may use variables such as {@code {name}}. Refused with {@link ThrottledException}
     * in the lead's quiet hours or when the lead or sender was just messaged; refused with
     * {@link ValidationException} code {@code outside_service_window} when the lead has not written
     * in the last 24 hours (WhatsApp then allows only approved templates: see
     * {@link #sendTemplateMessage}), {@code opted_out} when the lead opted out, and code
     * {@code too_long} on {@code message} when the message rendered for the lead is too long. A refusal
     * that waiting cannot cure comes before the quiet hours' {@link ThrottledException}: the same
     * rules, in the same order, as a campaign's skips and deferrals. With several sender numbers it
     * goes from the number the lead last wrote to inside the 24-hour window (the window is kept per
     * number, so the reply goes where the conversation is), else from the default number.
     */
    SendResult sendSingleMessage(Actor actor, long leadId, String message, AttachmentUpload attachment);

    /**
     * Sends a library template to one lead. Needs {@code lead-whatsapp-send}. Inside the 24-hour
     * service window its body goes as free-form text (with its attachment, if any); outside it, the
     * approved WhatsApp template it is bound to (parameters from the lead's variables, its attachment
     * as header media). Refused with {@link ValidationException} code {@code outside_service_window}
     * outside the window when the template has no binding, {@code marketing_to_us_number} outside the
     * window when its approved template is a MARKETING one and the lead's number a +1 number (Meta
     * does not deliver those), {@code inactive_template} for an inactive one, and as
     * {@link #sendSingleMessage} otherwise, and from the number {@link #sendSingleMessage} would
     * choose (the template's approval is that number's WABA's). Counts one use of the template when
     * accepted.
     */
    SendResult sendTemplateMessage(Actor actor, long leadId, long templateId);

    /**
     * Sends one message to several leads. Needs {@code lead-whatsapp-bulk-send}. Duplicate ids are
     * sent once; unknown ids refuse the whole request. Up to the configured limit (10 by default)
     * the answer holds one result per lead; beyond it the send runs in the background as a BULK
     * campaign and the answer holds its job id. The attachment is stored once and reused.
     */
    BulkSendResult sendBulkMessages(Actor actor, Collection<Long> leadIds, String message, AttachmentUpload attachment);

    /**
     * Schedules one message to several leads for {@code sendAt}: a SCHEDULED campaign of kind BULK,
     * whatever the number of leads, which the engine starts when its time comes (as it starts any
     * scheduled campaign) and whose id is the answer's job id: {@link #getJobProgress} follows it
     * and {@link #cancelJob} cancels it before or while it runs. Needs {@code lead-whatsapp-bulk-send}.
     * Checked as {@link #sendBulkMessages} is, and refused with {@link ValidationException} on
     * {@code scheduledAt} ({@code missing}, {@code in_the_past}); the attachment is stored at once.
     */
    BulkSendResult scheduleBulkMessages(Actor actor, Collection<Long> leadIds, String message,
                                        AttachmentUpload attachment, java.time.Instant sendAt);

    /** The progress of a background bulk send. Needs {@code lead-whatsapp-bulk-send}. */
    JobProgress getJobProgress(Actor actor, long jobId);

    /** Cancels what a background bulk send has not yet sent. Needs {@code lead-whatsapp-bulk-send}. */
    JobProgress cancelJob(Actor actor, long jobId);

    /**
     * Checks the spec in full and saves the campaign as DRAFT, or SCHEDULED when it has a start time.
     * Needs {@code lead-whatsapp-campaign-create}.
     */
    Campaign createCampaign(Actor actor, CampaignSpec spec);

    /** Starts a DRAFT or SCHEDULED campaign now. Needs {@code lead-whatsapp-campaign-execute}. */
    Campaign executeCampaign(Actor actor, long campaignId);

    /** Pauses an ACTIVE campaign within one batch. Needs {@code lead-whatsapp-campaign-execute}. */
    Campaign pauseCampaign(Actor actor, long campaignId);

    /** Resumes a PAUSED campaign. Needs {@code lead-whatsapp-campaign-execute}. */
    Campaign resumeCampaign(Actor actor, long campaignId);

    /** Cancels a campaign; recipients not yet sent become CANCELLED. Needs {@code lead-whatsapp-campaign-execute}. */
    Campaign cancelCampaign(Actor actor, long campaignId);

    /**
     * Requeues the recipients whose failure is retryable (they ran out of attempts on a passing
     * error); permanent failures keep their reason. Returns how many were requeued. Needs
     * {@code lead-whatsapp-campaign-execute}.
     */
    int retryFailedMessages(Actor actor, long campaignId);

    /**
     * The campaign's recipients held IN_DOUBT (a send whose outcome is unknown and that no status
     * webhook has settled), ascending by id after {@code afterId}, at most {@code limit} (1 to
     * 1,000). Needs {@code lead-whatsapp-campaign-view}.
     */
    List<io.leadreach.campaign.CampaignRecipient> listInDoubt(Actor actor, long campaignId, long afterId, int limit);

    /**
     * Lets a recipient held IN_DOUBT out by hand, recording the acting user and the time on it
     * ({@link io.leadreach.campaign.InDoubtResolution}). {@code TREAT_AS_SENT}: it counts as SENT
     * (unconfirmed, no provider id) and is never sent again. {@code SEND_AGAIN}: it is sent once
     * more, which may give the lead the message twice if the first one did arrive; the engine never
     * does that on its own (no duplicate send), so it is the operator's decision, kept on record.
     * Needs {@code lead-whatsapp-campaign-execute}. Throws {@link NotFoundException} for a recipient
     * not of this campaign, {@link IllegalTransitionException} when it is not (or no longer)
     * IN_DOUBT, or sending again in a CANCELLED campaign, {@link ValidationException} for
     * {@code SENT_UNCONFIRMED} (the reconciler's).
     */
    io.leadreach.campaign.CampaignRecipient resolveInDoubt(Actor actor, long campaignId, long recipientId,
                                                           io.leadreach.campaign.InDoubtResolution.Kind resolution);

    /** A campaign's figures. Needs {@code lead-whatsapp-campaign-view}. */
    CampaignStatistics getCampaignStatistics(Actor actor, long campaignId);

    /** One campaign. Needs {@code lead-whatsapp-campaign-view}. */
    Campaign getCampaign(Actor actor, long campaignId);

    /** Campaigns in these statuses (all when empty), newest first. Needs {@code lead-whatsapp-campaign-view}. */
    List<Campaign> listCampaigns(Actor actor, Set<CampaignStatus> statuses);

    /**
     * Sends a message as a campaign would send it, once, to a number of the acting user's own (a
     * test before a campaign is made). Needs {@code lead-whatsapp-campaign-create}. Give a
     * {@code body} or an active {@code templateId} (not both); variables are filled from the lead
     * {@code sampleLeadId}, or the first lead of the directory when it is null. It goes through the
     * transport like any send (the sender's rate applies; quiet hours do not, a test being explicit):
     * free-form inside the number's 24-hour window, the template's approved binding outside it.
     * Refused with {@link ValidationException} on {@code to} with code {@code invalid_number},
     * {@code opted_out} (never to an opted-out number), {@code outside_service_window} (no
     * window and no approved binding) or {@code marketing_to_us_number} (no window, a MARKETING
     * binding and a +1 number), and as a campaign's body or template is otherwise. Nothing
     * is recorded in the message log and no campaign is created.
     */
    TestSendResult sendTestMessage(Actor actor, String toNumber, String body, Long templateId, Long sampleLeadId);
}
