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
}
