package io.leadreach.analytics;

/**
 * Messages accepted today, this week and this month (local to the analytics zone, each period up
 * to now).
 *
 * @param today     since the start of today
 * @param thisWeek  since the start of the week
 * @param thisMonth since the first of the month
 */
public record PeriodTotals(long today, long thisWeek, long thisMonth) {
}
