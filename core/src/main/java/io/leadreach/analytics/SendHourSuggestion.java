package io.leadreach.analytics;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A suggested local send hour.
 *
 * @param hour        the hour to send at, in the analytics zone
 * @param reads       how many reads it is based on
 * @param fallback    true when there were too few reads and {@code hour} is the configured default
 * @param explanation a readable reason, e.g. {@code "10:00, default: fewer than 50 reads (12)"}
 */
public record SendHourSuggestion(LocalTime hour, long reads, boolean fallback, String explanation) {

    public SendHourSuggestion {
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(explanation, "explanation");
    }
}
