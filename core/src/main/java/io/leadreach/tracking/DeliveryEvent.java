package io.leadreach.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * A status update for a message the provider accepted.
 *
 * @param providerMessageId the provider's message id (the Cloud API's wamid)
 * @param correlationId     the library's correlation id echoed by the provider, or null when absent
 * @param status            the new status
 * @param timestamp         when it happened
 * @param recipient         the recipient's number as the provider reports it (may be null)
 * @param errorCode         the provider's error code when {@code status} is FAILED (may be null)
 * @param errorMessage      its explanation (may be null)
 * @param pricingCategory   the pricing category the provider charged, if reported (may be null)
 */
public record DeliveryEvent(String providerMessageId, String correlationId, DeliveryStatus status,
                            Instant timestamp, String recipient, String errorCode, String errorMessage,
                            String pricingCategory) implements TrackingEvent {

    public DeliveryEvent {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A plain status event without error or pricing. */
    public static DeliveryEvent of(String providerMessageId, String correlationId, DeliveryStatus status,
                                   Instant timestamp) {
        return new DeliveryEvent(providerMessageId, correlationId, status, timestamp, null, null, null, null);
    }
}
