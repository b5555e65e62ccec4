package io.leadreach.internal;

/**
 * The correlation ids the library puts on every send: {@code lr-c<campaign>-r<recipient>-a<attempt>}
 * for a campaign recipient's attempt, {@code lr-m<message>} for a single send. They are unique per
 * attempt, short (well under the provider's limits) and carry no personal data.
 */
public final class CorrelationIds {

    private CorrelationIds() {
    }

    public static String forRecipient(long campaignId, long recipientId, int attempt) {
        return "lr-c" + campaignId + "-r" + recipientId + "-a" + attempt;
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
