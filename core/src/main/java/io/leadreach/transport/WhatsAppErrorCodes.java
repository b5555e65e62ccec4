package io.leadreach.transport;

import java.util.Map;
import java.util.Optional;

/**
 * What the WhatsApp Cloud API's error codes mean, in words a CRM user can read next to a failed
 * message ("The recipient is not on WhatsApp ..."). A small table of the codes a sender meets;
 * codes it does not know have no description. The library's own codes (such as
 * {@code UNKNOWN_OUTCOME}) are described too. A meaning is read next to a message that failed for
 * good, its attempts spent, so a temporary error says that it can be retried, not that it was.
 */
public final class WhatsAppErrorCodes {

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("4", "Too many API calls by the app: the app's rate limit was reached (temporary: can be retried later)"),
            Map.entry("80007", "The WhatsApp Business account's rate limit was reached (temporary: can be retried later)"),
            Map.entry("100", "Invalid parameter: the request to WhatsApp was malformed (check the configuration)"),
            Map.entry("190", "The access token expired or is invalid: renew the WhatsApp access token"),
            Map.entry("368", "The account is temporarily restricted by Meta for policy violations"),
            Map.entry("130429", "WhatsApp's throughput limit for the business number was reached (temporary: can be retried later)"),
            Map.entry("131000", "Something went wrong at WhatsApp (unknown error, usually temporary: can be retried)"),
            Map.entry("131016", "The WhatsApp service was temporarily unavailable (can be retried)"),
            Map.entry("131026", "Undeliverable: the number is not on WhatsApp or uses an app too old to receive it"),
            Map.entry("131031", "The business account is locked: contact Meta support"),
            Map.entry("131042", "A payment problem on the business account (payment method missing or declined)"),
            Map.entry("131047", "More than 24 hours since the lead last wrote: only an approved template may be sent"),
            Map.entry("131048", "Spam rate limit: too many of the business's messages were blocked or reported; "
                    + "the campaign was paused"),
            Map.entry("131049", "Meta did not deliver this marketing message to keep the user's experience healthy "
                    + "(per-user marketing limit); not before 24 hours"),
            Map.entry("131050", "The user stopped marketing messages from this business; recorded as an opt-out"),
            Map.entry("131051", "Unsupported message type"),
            Map.entry("131053", "The media could not be uploaded or downloaded (unsupported or corrupt file)"),
            Map.entry("131056", "Too many messages to the same user in a short time (pair rate limit; can be retried later)"),
            Map.entry("131057", "The business account is in maintenance mode (temporary: can be retried later)"),
            Map.entry("132000", "The number of template parameters does not match the approved template"),
            Map.entry("132001", "The template does not exist in that language, or is not approved yet"),
            Map.entry("132005", "The template's text is too long once its parameters are filled in"),
            Map.entry("132007", "The template's format breaks WhatsApp's character policy"),
            Map.entry("132012", "A template parameter has the wrong format"),
            Map.entry("132015", "The template is paused by Meta for low quality"),
            Map.entry("132016", "The template is disabled by Meta for low quality"),
            Map.entry("UNKNOWN_OUTCOME", "The send's outcome is unknown (no answer in time); it is never resent "
                    + "blindly and is settled by WhatsApp's status report"));

    private WhatsAppErrorCodes() {
    }

    /**
     * What the code means, if this table knows it; codes 132000 to 132016 that are not listed read
     * as a template problem.
     *
     * @param code a Cloud API error code such as {@code "131026"}, or null
     */
    public static Optional<String> describe(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String c = code.strip();
        String meaning = MEANINGS.get(c);
        if (meaning != null) {
            return Optional.of(meaning);
        }
        if (c.matches("1320(0\\d|1[0-6])")) {
            return Optional.of("A problem with the approved template (parameters, approval, paused or disabled)");
        }
        return Optional.empty();
    }
}
