package io.leadreach.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The aggregate queries behind analytics: each one is answered by the store (a {@code GROUP BY}
 * in a database), never by handing every message to the caller.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Periods are half-open, {@code [from, to)}. A message belongs to a period by the time the
 *       provider accepted it ({@code sentAt}); messages never accepted are not counted.</li>
 *   <li>Delivered counts DELIVERED and READ; read counts READ; failed counts messages that failed
 *       after acceptance; replied counts messages a reply was attributed to (campaign messages:
 *       the recipient's reply time).</li>
 *   <li>Weekday, hour and day are local to the zone passed in.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 */
public interface AnalyticsStore {

    /** Totals over messages accepted in {@code [from, to)}. */
    MessageTotals totalsBetween(Instant from, Instant to);

    /** The same totals per campaign id, for campaign messages accepted in {@code [from, to)}. */
    Map<Long, MessageTotals> totalsByCampaignBetween(Instant from, Instant to);

    /**
     * One entry per local day from {@code from}'s day to {@code to}'s day (exclusive when
     * {@code to} is that day's start), ascending, days without events included with zeros: sends,
     * deliveries and reads counted by the day each happened.
     */
    List<DailyTotals> countsByDayBetween(Instant from, Instant to, ZoneId zone);

    /** Messages accepted in {@code [from, to)}, by local weekday × hour of acceptance. */
    WeekdayHourCounts sendsByWeekdayHour(Instant from, Instant to, ZoneId zone);

    /**
     * Messages read in {@code [from, to)}, by local weekday × hour of reading; only messages to
     * these leads when {@code leadIds} is not null.
     */
    WeekdayHourCounts readsByWeekdayHour(Instant from, Instant to, ZoneId zone, Collection<Long> leadIds);
}
