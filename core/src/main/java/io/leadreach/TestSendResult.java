package io.leadreach;

import io.leadreach.message.MessageStatus;

/**
 * The outcome of a test send to the acting user's own number
 * ({@link LeadWhatsAppService#sendTestMessage}). A test is not a lead's message: it is not in the
 * message log, and no campaign is created.
 *
 * @param to                the number it went to, in E.164 form
 * @param renderedBody      the text as rendered (for a template send, the library template's body)
 * @param asTemplate        whether it went as the approved WhatsApp template (outside the 24-hour window)
 * @param status            {@code SENT} when the provider accepted it, {@code FAILED} when it refused,
 *                          {@code QUEUED} when the outcome is unknown
 * @param providerMessageId the provider's id (wamid) when accepted
 * @param errorCode         the provider's error code when refused
 * @param errorMessage      its explanation
 */
public record TestSendResult(String to, String renderedBody, boolean asTemplate, MessageStatus status,
                             String providerMessageId, String errorCode, String errorMessage) {
}
