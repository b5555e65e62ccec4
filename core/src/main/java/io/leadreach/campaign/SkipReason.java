package io.leadreach.campaign;

/** Why a recipient was not sent to. Each is counted and reported; none costs an API call. */
public enum SkipReason {
    /** The lead (or its number) opted out of WhatsApp messages. */
    OPTED_OUT,
    /** The lead's mobile number is missing, malformed, invalid or not a mobile. */
    INVALID_NUMBER,
    /** The lead no longer exists in the CRM. */
    LEAD_NOT_FOUND,
    /** Outside the 24-hour service window, with no approved template to send instead. */
    OUTSIDE_SERVICE_WINDOW,
    /** The message, rendered for this lead, is longer than WhatsApp allows (4096, or 1024 as a caption). */
    MESSAGE_TOO_LONG,
    /**
     * Outside the 24-hour window the approved template would go, but it is a MARKETING template and
     * the number is a +1 number: Meta has not delivered those since April 2025.
     */
    MARKETING_TO_US_NUMBER,
    /**
     * Outside the 24-hour window the approved template would go, but the number it would go from
     * belongs to a WhatsApp Business Account where that template is not approved (Meta reported it
     * PAUSED, REJECTED, DISABLED, ... there), so the provider would refuse it.
     */
    TEMPLATE_NOT_APPROVED_FOR_NUMBER
}
