package io.leadreach.analytics;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of a time series: events that happened on that local day.
 *
 * @param day       the day in the analytics zone
 * @param sent      messages accepted by the provider that day
 * @param delivered messages delivered that day
 * @param read      messages read that day
 */
public record DailyTotals(LocalDate day, long sent, long delivered, long read) {

    public DailyTotals {
        Objects.requireNonNull(day, "day");
    }
}
