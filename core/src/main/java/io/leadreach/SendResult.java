package io.leadreach;

import io.leadreach.message.MessageStatus;

/**
 * The outcome of one send to one lead, as the caller sees it at once.
 *
 * @param leadId            the lead
 * @param messageId         the message log's id, or 0 when nothing was sent (see {@code errorCode})
 * @param status            SENT when the provider took it, FAILED when it refused it, QUEUED when
 *                          the outcome is not yet known (a status event will settle it)
 * @param providerMessageId the provider's id when accepted
 * @param errorCode         why it failed or was not sent (a provider code, or a library code such as
 *                          {@code opted_out}); null on success
 * @param errorMessage      a sentence for a person; null on success
 */
public record SendResult(long leadId, long messageId, MessageStatus status, String providerMessageId,
                         String errorCode, String errorMessage) {

    /** Whether the provider took the message. */
    public boolean isAccepted() {
        return status.isSent();
    }
}
