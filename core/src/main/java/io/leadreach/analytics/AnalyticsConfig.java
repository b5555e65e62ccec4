package io.leadreach.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How analytics reads time and suggests send hours.
 *
 * @param zone                 the zone of "today", "this week", days and heat-map hours
 * @param firstDayOfWeek       the day a week starts on
 * @param minReadsForSuggestion the fewest reads a send-hour suggestion is based on
 * @param defaultSendHour      the suggestion when there are fewer reads than that
 * @param suggestionLookback   how far back read times are taken
 */
public record AnalyticsConfig(ZoneId zone, DayOfWeek firstDayOfWeek, int minReadsForSuggestion,
                              LocalTime defaultSendHour, Duration suggestionLookback) {

    /** The default fewest reads a suggestion is based on. */
    public static final int DEFAULT_MIN_READS = 50;

    public AnalyticsConfig {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(firstDayOfWeek, "firstDayOfWeek");
        Objects.requireNonNull(defaultSendHour, "defaultSendHour");
        Objects.requireNonNull(suggestionLookback, "suggestionLookback");
        if (minReadsForSuggestion < 1) {
            throw new IllegalArgumentException("minReadsForSuggestion must be positive");
        }
        if (suggestionLookback.isNegative() || suggestionLookback.isZero()) {
            throw new IllegalArgumentException("suggestionLookback must be positive");
        }
    }

    /** UTC, weeks from Monday, 50 reads at least, 10:00 by default, the last 90 days. */
    public static AnalyticsConfig ofDefaults() {
        return new AnalyticsConfig(ZoneId.of("UTC"), DayOfWeek.MONDAY, DEFAULT_MIN_READS, LocalTime.of(10, 0),
                Duration.ofDays(90));
    }

    /** These defaults in another zone. */
    public AnalyticsConfig withZone(ZoneId newZone) {
        return new AnalyticsConfig(newZone, firstDayOfWeek, minReadsForSuggestion, defaultSendHour, suggestionLookback);
    }
}
