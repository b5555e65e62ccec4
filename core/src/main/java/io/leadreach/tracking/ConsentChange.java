package io.leadreach.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * A user stopped or resumed marketing messages (the Cloud API's {@code user_preferences} event).
 *
 * @param mobile    the user's number in E.164 form
 * @param optedOut  true when the user stopped marketing messages, false when they resumed them
 * @param source    where the change came from, for the consent log (e.g. {@code user_preferences})
 * @param timestamp when it happened
 */
public record ConsentChange(String mobile, boolean optedOut, String source, Instant timestamp)
        implements TrackingEvent {

    public ConsentChange {
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
