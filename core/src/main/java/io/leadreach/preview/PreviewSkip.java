package io.leadreach.preview;

/** Why a preview expects a matching lead not to get the campaign's message. */
public enum PreviewSkip {
    /** The lead's number is not a valid mobile number. */
    INVALID_NUMBER,
    /** The lead opted out (in the CRM or in the library's consent log). */
    OPTED_OUT,
    /** The lead has not written in the last 24 hours and the campaign has no approved template binding. */
    OUTSIDE_SERVICE_WINDOW,
    /** The binding is a MARKETING template and the number is a +1 (US) number: Meta does not deliver those. */
    MARKETING_TO_US_NUMBER,
    /** Beyond the configured messaging limit of unique template recipients per 24 hours. */
    ABOVE_MESSAGING_LIMIT,
    /** The message, rendered for this lead, is longer than WhatsApp allows (4096, or 1024 as a caption). */
    MESSAGE_TOO_LONG,
    /**
     * The approved template would go, but it is not approved in the WhatsApp Business Account of
     * the number this lead would be sent from.
     */
    TEMPLATE_NOT_APPROVED_FOR_NUMBER
}
