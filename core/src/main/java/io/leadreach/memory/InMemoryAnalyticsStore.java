package io.leadreach.memory;

import io.leadreach.analytics.AnalyticsStore;
import io.leadreach.analytics.DailyTotals;
import io.leadreach.analytics.MessageTotals;
import io.leadreach.analytics.WeekdayHourCounts;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An {@link AnalyticsStore} over an {@link InMemoryMessageStore}: each query is one pass over the
 * messages held, as a database would scan its table. Replies are read from the campaign store
 * (the recipient with the message's correlation id).
 */
public final class InMemoryAnalyticsStore implements AnalyticsStore {

    private final InMemoryMessageStore messages;
    private final CampaignStore campaigns;

    /** Over these stores. */
    public InMemoryAnalyticsStore(InMemoryMessageStore messages, CampaignStore campaigns) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
    }

    @Override
    public MessageTotals totalsBetween(Instant from, Instant to) {
        return messages.stream().filter(acceptedIn(from, to)).map(this::totalsOf)
                .reduce(MessageTotals.ZERO, MessageTotals::plus);
    }

    @Override
    public Map<Long, MessageTotals> totalsByCampaignBetween(Instant from, Instant to) {
        Map<Long, MessageTotals> out = new HashMap<>();
        messages.stream().filter(acceptedIn(from, to)).filter(m -> m.campaignId() != null)
                .forEach(m -> out.merge(m.campaignId(), totalsOf(m), MessageTotals::plus));
        return out;
    }

    @Override
    public List<DailyTotals> countsByDayBetween(Instant from, Instant to, ZoneId zone) {
        LocalDate first = from.atZone(zone).toLocalDate();
        ZonedDateTime end = to.atZone(zone);
        LocalDate last = end.toLocalDate();
        if (end.equals(last.atStartOfDay(zone))) {
            last = last.minusDays(1);
        }
        int days = (int) Math.max(0, last.toEpochDay() - first.toEpochDay() + 1);
        long[][] c = new long[days][3];
        messages.stream().forEach(m -> {
            add(c, first, m.sentAt(), from, to, zone, 0);
            add(c, first, m.deliveredAt(), from, to, zone, 1);
            add(c, first, m.readAt(), from, to, zone, 2);
        });
        List<DailyTotals> out = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            out.add(new DailyTotals(first.plusDays(i), c[i][0], c[i][1], c[i][2]));
        }
        return out;
    }

    private static void add(long[][] c, LocalDate first, Instant at, Instant from, Instant to, ZoneId zone, int col) {
        if (at == null || at.isBefore(from) || !at.isBefore(to)) {
            return;
        }
        int i = (int) (at.atZone(zone).toLocalDate().toEpochDay() - first.toEpochDay());
        if (i >= 0 && i < c.length) {
            c[i][col]++;
        }
    }

    @Override
    public WeekdayHourCounts sendsByWeekdayHour(Instant from, Instant to, ZoneId zone) {
        long[] cells = new long[7 * 24];
        messages.stream().filter(acceptedIn(from, to)).forEach(m -> cells[cell(m.sentAt(), zone)]++);
        return WeekdayHourCounts.ofCells(cells);
    }

    @Override
    public WeekdayHourCounts readsByWeekdayHour(Instant from, Instant to, ZoneId zone, Collection<Long> leadIds) {
        Set<Long> only = leadIds == null ? null : new HashSet<>(leadIds);
        long[] cells = new long[7 * 24];
        messages.stream()
                .filter(m -> m.readAt() != null && !m.readAt().isBefore(from) && m.readAt().isBefore(to))
                .filter(m -> only == null || only.contains(m.leadId()))
                .forEach(m -> cells[cell(m.readAt(), zone)]++);
        return WeekdayHourCounts.ofCells(cells);
    }

    private static int cell(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return WeekdayHourCounts.index(local.getDayOfWeek(), local.getHour());
    }

    private static Predicate<LeadMessage> acceptedIn(Instant from, Instant to) {
        return m -> m.sentAt() != null && !m.sentAt().isBefore(from) && m.sentAt().isBefore(to);
    }

    private MessageTotals totalsOf(LeadMessage m) {
        boolean delivered = io.leadreach.analytics.DeliveryCounting.isDelivered(m.status());
        boolean read = io.leadreach.analytics.DeliveryCounting.isRead(m.status());
        boolean replied = m.correlationId() != null && m.campaignId() != null
                && campaigns.findRecipientByCorrelationId(m.correlationId())
                        .map(CampaignRecipient::repliedAt).isPresent();
        boolean failed = m.status() == MessageStatus.FAILED;
        return new MessageTotals(1, delivered ? 1 : 0, read ? 1 : 0, replied ? 1 : 0, failed ? 1 : 0);
    }
}
