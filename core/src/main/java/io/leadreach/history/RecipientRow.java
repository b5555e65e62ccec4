package io.leadreach.history;

import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.lead.Lead;
import java.util.Objects;

/**
 * One recipient of a campaign with its lead, as the directory has it now.
 *
 * @param recipient the recipient
 * @param lead      its lead, or null when the directory no longer has it
 */
public record RecipientRow(CampaignRecipient recipient, Lead lead) {
    public RecipientRow {
        Objects.requireNonNull(recipient, "recipient");
    }
}
