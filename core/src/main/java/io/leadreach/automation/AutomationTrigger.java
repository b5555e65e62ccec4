package io.leadreach.automation;

/** What makes an {@link AutomationRule} fire for a lead, and what one occurrence of it is. */
public enum AutomationTrigger {
    /** The CRM last contacted the lead at least {@code days} ago; once per last-contact time. */
    DAYS_SINCE_LAST_CONTACT(true),
    /**
     * The lead's latest message (not one sent by automation) went out at least {@code days} ago and
     * the lead has not written in since; once per such message.
     */
    NO_REPLY_AFTER_DAYS(true),
    /** It is the lead's birthday in the lead's own time zone (February 29 on February 28 in other years); once a year. */
    BIRTHDAY(false),
    /** It is the lead's anniversary in the lead's own time zone; once a year. */
    ANNIVERSARY(false),
    /** The lead's renewal date is at most {@code days} ahead (and not past); once per renewal date. */
    RENEWAL_DUE(true),
    /** The host reported a status change matching the rule's from/to; once per change. */
    STATUS_CHANGED(false),
    /**
     * No activity for at least {@code days}: no CRM contact, no message either way, and created at
     * least that long ago; once per last-activity time.
     */
    COLD_LEAD(true);

    private final boolean needsDays;

    AutomationTrigger(boolean needsDays) {
        this.needsDays = needsDays;
    }

    /** Whether a rule with this trigger needs a positive {@code days} value. */
    public boolean needsDays() {
        return needsDays;
    }
}
