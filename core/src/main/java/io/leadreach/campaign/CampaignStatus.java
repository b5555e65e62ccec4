package io.leadreach.campaign;

import java.util.EnumSet;
import java.util.Set;

/**
 * A campaign's life: DRAFT or SCHEDULED, then ACTIVE, possibly PAUSED and resumed, and finally
 * COMPLETED or CANCELLED. A COMPLETED campaign becomes ACTIVE again when its retryable failures
 * are retried. CANCELLED is final.
 */
public enum CampaignStatus {
    DRAFT, SCHEDULED, ACTIVE, PAUSED, COMPLETED, CANCELLED;

    /** Whether a campaign in this status may move to {@code next}. */
    public boolean canMoveTo(CampaignStatus next) {
        return allowedNext().contains(next);
    }

    private Set<CampaignStatus> allowedNext() {
        switch (this) {
            case DRAFT: return EnumSet.of(SCHEDULED, ACTIVE, CANCELLED);
            case SCHEDULED: return EnumSet.of(ACTIVE, CANCELLED);
            case ACTIVE: return EnumSet.of(PAUSED, COMPLETED, CANCELLED);
            case PAUSED: return EnumSet.of(ACTIVE, CANCELLED);
            case COMPLETED: return EnumSet.of(ACTIVE);
            default: return EnumSet.noneOf(CampaignStatus.class);
        }
    }
}
