package io.leadreach.campaign;

import io.leadreach.internal.Wiring;
import java.util.Optional;

/** The step that closes the race between a cancel and a step that made recipients PENDING. */
final class Cancellation {

    private Cancellation() {
    }

    /**
     * Cancels the campaign's open recipients again if the campaign is CANCELLED by now; returns
     * how many. For a step that has just made recipients PENDING (added, retried, requeued) on the
     * strength of an earlier read of the status: a cancel whose own sweep ran before that step
     * committed would otherwise leave them PENDING in a campaign nothing drives. Checking after
     * the write closes the race, because cancelling moves the status first and sweeps after.
     */
    static int cancelOpenIfCancelled(Wiring engine, long campaignId) {
        Optional<Campaign> now = engine.campaigns().find(campaignId);
        if (now.isPresent() && now.get().status() == CampaignStatus.CANCELLED) {
            return engine.campaigns().cancelOpen(campaignId, engine.clock().instant());
        }
        return 0;
    }
}
