package io.leadreach.campaign;

import java.time.Instant;

/**
 * One lead of one campaign, and where its send stands.
 *
 * @param id                the store's id
 * @param campaignId        the campaign
 * @param leadId            the lead
 * @param status            where it stands
 * @param attempts          sends attempted so far
 * @param nextAttemptAt     not to be sent before this time (PENDING only)
 * @param owner             the runner holding the claim (CLAIMED, SENDING)
 * @param leaseUntil        when the claim lapses
 * @param correlationId     the id of the latest send attempt, echoed by status events
 * @param providerMessageId the provider's id once accepted
 * @param sentAt            when accepted
 * @param deliveredAt       when delivered
 * @param readAt            when read
 * @param repliedAt         when the lead first replied to this campaign's message, if ever
 * @param errorCode         the last error's code
 * @param errorMessage      the last error's explanation
 * @param retryable         whether the last failure may be retried (FAILED only)
 * @param skipReason        why it was skipped (SKIPPED only)
 * @param updatedAt         when it last changed
 * @param resolution        how it was let out of IN_DOUBT by an operator or the reconciler, if it was
 */
public record CampaignRecipient(long id, long campaignId, long leadId, RecipientStatus status, int attempts,
                                Instant nextAttemptAt, String owner, Instant leaseUntil, String correlationId,
                                String providerMessageId, Instant sentAt, Instant deliveredAt, Instant readAt,
                                Instant repliedAt, String errorCode, String errorMessage, boolean retryable, SkipReason skipReason,
                                Instant updatedAt, InDoubtResolution resolution) {

    /** A recipient never held in doubt and resolved (the resolution null). */
    public CampaignRecipient(long id, long campaignId, long leadId, RecipientStatus status, int attempts,
                             Instant nextAttemptAt, String owner, Instant leaseUntil, String correlationId,
                             String providerMessageId, Instant sentAt, Instant deliveredAt, Instant readAt,
                             Instant repliedAt, String errorCode, String errorMessage, boolean retryable,
                             SkipReason skipReason, Instant updatedAt) {
        this(id, campaignId, leadId, status, attempts, nextAttemptAt, owner, leaseUntil, correlationId,
                providerMessageId, sentAt, deliveredAt, readAt, repliedAt, errorCode, errorMessage, retryable,
                skipReason, updatedAt, null);
    }

    /** A new PENDING recipient, due at once. */
    public static CampaignRecipient pending(long id, long campaignId, long leadId, Instant now) {
        return new CampaignRecipient(id, campaignId, leadId, RecipientStatus.PENDING, 0, now, null, null, null, null,
                null, null, null, null, null, null, false, null, now);
    }
}
