package io.leadreach;

import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import java.time.Duration;

/**
 * A campaign's figures at one moment.
 *
 * @param campaignId        the campaign
 * @param name              its name
 * @param status            its status
 * @param counters          recipients by status (they add up to the total)
 * @param deliveryRate      delivered / sent, 0 to 1 (0 before anything was sent); sent is every send the provider
 *                          accepted, failures after acceptance included, and a message that failed after
 *                          a delivered report is not delivered: the analytics count the same way
 *                          ({@link io.leadreach.analytics.DeliveryCounting})
 * @param readRate          read / sent, 0 to 1
 * @param replied           recipients who replied (the first reply attributed to the campaign's message)
 * @param replyRate         replied / sent, 0 to 1
 * @param progress          settled / total, 0 to 1
 * @param estimatedTimeLeft how long the open recipients take at the campaign's and the sender's
 *                          rate (zero when none is open; quiet hours not counted)
 */
public record CampaignStatistics(long campaignId, String name, CampaignStatus status, CampaignCounters counters,
                                 double deliveryRate, double readRate, long replied, double replyRate, double progress,
                                 Duration estimatedTimeLeft) {

    public long total() {
        return counters.total();
    }
}
