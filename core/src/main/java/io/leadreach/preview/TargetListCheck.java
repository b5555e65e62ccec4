package io.leadreach.preview;

import io.leadreach.lead.LeadIdList;
import java.util.List;

/**
 * An uploaded list of lead ids, read and checked against the lead directory.
 *
 * @param list    the ids read, the duplicates and the invalid lines
 * @param unknown the ids read that the lead directory does not know, in file order
 */
public record TargetListCheck(LeadIdList list, List<Long> unknown) {
    public TargetListCheck {
        unknown = List.copyOf(unknown);
    }
}
