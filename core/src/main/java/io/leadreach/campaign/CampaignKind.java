package io.leadreach.campaign;

/** A campaign a marketer created, or the job behind a bulk send of more than a handful of leads. */
public enum CampaignKind {
    STANDARD, BULK,
    /** Sent by follow-up automation ({@link io.leadreach.automation.AutomationEngine}). */
    AUTOMATION
}
