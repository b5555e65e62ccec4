package io.leadreach.internal;

/**
 * The correlation ids the library puts on every send:
 * {@code lr-c<campaign>-r<recipient>-a<attempt>-l<lease>} for a campaign recipient's attempt under
 * one claim (the lease's end in epoch milliseconds, base 36), {@code lr-m<message>} for a single
 * send. They are unique per claim: a recipient claimed again by the same node after its lease
 * lapsed gets another id, so a late call for the earlier claim can never pass for the new one.
 * Short (well under the provider's limits), and they carry no personal data.
 */
public final class CorrelationIds {

    private CorrelationIds() {
    }

    /** The id of a recipient's attempt under the claim whose lease ends at {@code leaseUntil}. */
    public static String forRecipient(long campaignId, long recipientId, int attempt, java.time.Instant leaseUntil) {
        return "lr-c" + campaignId + "-r" + recipientId + "-a" + attempt + "-l"
                + Long.toString(leaseUntil.toEpochMilli(), 36);
    }

    public static String forMessage(long messageId) {
        return "lr-m" + messageId;
    }

    /** Whether the id names a campaign recipient's attempt. */
    public static boolean isRecipient(String correlationId) {
        return correlationId != null && correlationId.startsWith("lr-c");
    }

    /** Whether the id names a single send. */
    public static boolean isMessage(String correlationId) {
        return correlationId != null && correlationId.startsWith("lr-m");
    }
}
