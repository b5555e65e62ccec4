package io.leadreach.history;

import java.util.List;

/**
 * A keyset page of a campaign's recipients.
 *
 * @param campaignId the campaign
 * @param rows       the recipients, ascending by id
 * @param nextAfter  the {@code afterId} of the next page, or null when this page is the last
 */
public record RecipientPage(long campaignId, List<RecipientRow> rows, Long nextAfter) {
    public RecipientPage {
        rows = List.copyOf(rows);
    }
}
