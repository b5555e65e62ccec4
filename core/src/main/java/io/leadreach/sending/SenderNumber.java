package io.leadreach.sending;

import io.leadreach.preview.MessagingLimit;
import java.util.Objects;

/**
 * One business phone number the engine sends from: its provider id (the Cloud API's phone number
 * id), the WhatsApp Business Account it belongs to, its own send rate and its messaging tier. The
 * credentials and the app secret of a number belong to its transport, one per number, routed by
 * {@link io.leadreach.transport.SenderRoutingTransport} (with the WhatsApp module:
 * {@code SenderRoutingTransport.of(List.of(CloudApiTransport.create(configA), CloudApiTransport.create(configB)))},
 * and {@code WebhookVerifier.forNumbers(List.of(configA, configB))} for their webhooks); the engine
 * knows a number by its id only.
 *
 * <p>What the engine keeps per number: its token bucket ({@link #rate}, or the engine's
 * {@link SendingConfig#senderRateLimit()} when null), the pair rate (one message to one lead at a
 * time, per number), the quality pause (an error 131048 from a number pauses the campaigns that
 * send from it, not the others), and the 24-hour customer-service window (per number and lead).
 *
 * @param id            the provider's id of the number (the Cloud API phone number id); required
 * @param wabaId        the WhatsApp Business Account the number belongs to, or null when unknown
 * @param displayNumber the number as people see it, for pages and logs, or null
 * @param rate          the number's own send rate, or null for the engine's sender rate
 * @param tier          the number's messaging tier (unique recipients per 24 hours), or null when unknown
 */
public record SenderNumber(String id, String wabaId, String displayNumber, RateLimit rate, MessagingLimit tier) {

    /** At most this many characters in an id. */
    public static final int MAX_ID_LENGTH = 64;

    public SenderNumber {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH || !id.strip().equals(id)) {
            throw new IllegalArgumentException("a sender number id is 1 to " + MAX_ID_LENGTH
                    + " characters without surrounding blanks, got '" + id + "'");
        }
        wabaId = wabaId == null || wabaId.isBlank() ? null : wabaId.strip();
        displayNumber = displayNumber == null || displayNumber.isBlank() ? null : displayNumber.strip();
    }

    /** A number known by its id only, sending at the engine's sender rate. */
    public static SenderNumber of(String id) {
        return new SenderNumber(id, null, null, null, null);
    }

    /** This number with its own send rate. */
    public SenderNumber withRate(RateLimit newRate) {
        return new SenderNumber(id, wabaId, displayNumber, newRate, tier);
    }

    /** This number in this WhatsApp Business Account. */
    public SenderNumber withWaba(String newWabaId) {
        return new SenderNumber(id, newWabaId, displayNumber, rate, tier);
    }
}
