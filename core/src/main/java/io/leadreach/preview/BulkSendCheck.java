package io.leadreach.preview;

import java.util.List;
import java.util.Map;

/**
 * What a bulk send to a list of leads would do, checked before it is sent: nothing was saved or
 * sent. The rules are the campaign preview's (a bulk send is free-form, so a lead outside its
 * 24-hour window is skipped). Quiet hours and throttles delay messages but skip none.
 *
 * @param selected       distinct lead ids named
 * @param willSend       how many would be sent
 * @param skipped        leads that would be skipped, by reason
 * @param skippedLeadIds the lead ids per reason, at most {@link #MAX_IDS_PER_REASON} each
 * @param unknownLeadIds ids the lead directory does not know, at most {@link #MAX_IDS_PER_REASON}
 * @param unknown        how many ids the lead directory does not know
 */
public record BulkSendCheck(int selected, int willSend, Map<PreviewSkip, Long> skipped,
                            Map<PreviewSkip, List<Long>> skippedLeadIds, List<Long> unknownLeadIds, long unknown) {

    /** How many lead ids are listed per reason at most. */
    public static final int MAX_IDS_PER_REASON = 100;

    public BulkSendCheck {
        skipped = Map.copyOf(skipped);
        skippedLeadIds = Map.copyOf(skippedLeadIds);
        unknownLeadIds = List.copyOf(unknownLeadIds);
    }
}
