package io.leadreach.preview;

import io.leadreach.CampaignSpec;
import io.leadreach.security.Actor;

/**
 * Previews a campaign before it runs. Both calls check
 * {@link io.leadreach.security.Permission#CAMPAIGN_CREATE} and change nothing.
 */
public interface CampaignPreviewService {

    /** Previews a draft spec, rendering the sample for the first matching lead. */
    default CampaignPreview previewCampaign(Actor actor, CampaignSpec spec) {
        return previewCampaign(actor, spec, null);
    }

    /**
     * Previews a draft spec.
     *
     * @param sampleLeadId the lead to render the sample for, or null for the first matching lead
     * @throws io.leadreach.ValidationException when the spec has no body or an unknown or inactive template
     */
    CampaignPreview previewCampaign(Actor actor, CampaignSpec spec, Long sampleLeadId);

    /**
     * Previews a saved DRAFT campaign.
     *
     * @param sampleLeadId the lead to render the sample for, or null for the first matching lead
     * @throws io.leadreach.NotFoundException when there is no such campaign
     * @throws io.leadreach.ValidationException when it is not a draft
     */
    CampaignPreview previewCampaign(Actor actor, long campaignId, Long sampleLeadId);

    /**
     * Checks a bulk send before it is sent: how many of these leads would get the message and why
     * the others would not. Needs {@link io.leadreach.security.Permission#BULK_SEND}; changes nothing.
     *
     * @throws io.leadreach.ValidationException on {@code leadIds}: {@code empty}, or {@code too_many}
     *                                          beyond the bulk limit
     */
    BulkSendCheck checkBulkSend(Actor actor, java.util.Collection<Long> leadIds);

    /**
     * Reads an uploaded list of lead ids for a campaign's target ({@link io.leadreach.lead.LeadIdList})
     * and names the ids the lead directory does not know. Needs
     * {@link io.leadreach.security.Permission#CAMPAIGN_CREATE}; changes nothing. At most the bulk
     * limit of distinct ids.
     *
     * @throws io.leadreach.ValidationException on {@code file}: {@code too_many}, {@code empty}
     */
    TargetListCheck checkTargetList(Actor actor, String text);
}
