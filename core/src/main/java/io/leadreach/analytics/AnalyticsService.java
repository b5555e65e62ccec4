package io.leadreach.analytics;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Dashboard figures. Every call checks {@link Permission#ANALYTICS_VIEW}; every figure is an
 * aggregate query on the {@link AnalyticsStore} or the campaign store's counters.
 */
public final class AnalyticsService {

    /** Leads read per page when a segment is resolved for a send-hour suggestion. */
    public static final int SEGMENT_PAGE = 1_000;

    private final Clock clock;
    private final AnalyticsStore store;
    private final CampaignStore campaigns;
    private final LeadDirectory leads;
    private final AnalyticsConfig config;

    /** Over these ports. */
    public AnalyticsService(Clock clock, AnalyticsStore store, CampaignStore campaigns, LeadDirectory leads,
                            AnalyticsConfig config) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.leads = Objects.requireNonNull(leads, "leads");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The configuration in use. */
    public AnalyticsConfig config() {
        return config;
    }

    /**
     * The same figures with days, weeks and heat-map hours in another zone (for a dashboard viewed
     * from elsewhere); this service is unchanged.
     */
    public AnalyticsService inZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(config.zone()) ? this
                : new AnalyticsService(clock, store, campaigns, leads, config.withZone(zone));
    }

    /** Messages accepted today, this week and this month, up to now. */
    public PeriodTotals sentTotals(Actor actor) {
        actor.require(Permission.ANALYTICS_VIEW);
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(config.zone());
        LocalDate today = local.toLocalDate();
        Instant dayStart = today.atStartOfDay(config.zone()).toInstant();
        Instant weekStart = today.with(TemporalAdjusters.previousOrSame(config.firstDayOfWeek()))
                .atStartOfDay(config.zone()).toInstant();
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(config.zone()).toInstant();
        Instant end = now.plusNanos(1);
        return new PeriodTotals(store.totalsBetween(dayStart, end).sent(), store.totalsBetween(weekStart, end).sent(),
                store.totalsBetween(monthStart, end).sent());
    }

    /** Sent, delivered, read, replied and failed over messages accepted in {@code [from, to)}, with their rates. */
    public MessageTotals totals(Actor actor, Instant from, Instant to) {
        actor.require(Permission.ANALYTICS_VIEW);
        checkPeriod(from, to);
        return store.totalsBetween(from, to);
    }

    /** Campaigns in these statuses (all when empty), newest first, side by side. */
    public List<CampaignComparison> compareCampaigns(Actor actor, Set<CampaignStatus> statuses) {
        actor.require(Permission.ANALYTICS_VIEW);
        List<CampaignComparison> out = new ArrayList<>();
        for (Campaign c : campaigns.list(statuses)) {
            out.add(new CampaignComparison(c.id(), c.name(), c.status(), c.templateId(), campaigns.counts(c.id()),
                    campaigns.countReplied(c.id())));
        }
        return out;
    }

    /**
     * Library templates ranked by read rate, then reply rate, over campaign messages accepted in
     * {@code [from, to)}; at most {@code limit}. Campaigns without a template are left out.
     */
    public List<TemplatePerformance> topTemplates(Actor actor, Instant from, Instant to, int limit) {
        actor.require(Permission.ANALYTICS_VIEW);
        checkPeriod(from, to);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Map<Long, MessageTotals> byTemplate = new HashMap<>();
        store.totalsByCampaignBetween(from, to).forEach((campaignId, totals) -> campaigns.find(campaignId)
                .map(Campaign::templateId)
                .ifPresent(t -> byTemplate.merge(t, totals, MessageTotals::plus)));
        return byTemplate.entrySet().stream()
                .map(e -> new TemplatePerformance(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble((TemplatePerformance p) -> p.totals().readRate()).reversed()
                        .thenComparing(Comparator.comparingDouble((TemplatePerformance p) -> p.totals().replyRate())
                                .reversed())
                        .thenComparingLong(TemplatePerformance::templateId))
                .limit(limit)
                .toList();
    }

    /** Sends by local weekday × hour over {@code [from, to)}. */
    public WeekdayHourCounts sendHeatMap(Actor actor, Instant from, Instant to) {
        actor.require(Permission.ANALYTICS_VIEW);
        checkPeriod(from, to);
        return store.sendsByWeekdayHour(from, to, config.zone());
    }

    /** Reads by local weekday × hour over {@code [from, to)}. */
    public WeekdayHourCounts readHeatMap(Actor actor, Instant from, Instant to) {
        actor.require(Permission.ANALYTICS_VIEW);
        checkPeriod(from, to);
        return store.readsByWeekdayHour(from, to, config.zone(), null);
    }

    /** Sends, deliveries and reads per local day over {@code [from, to)}, days without events included. */
    public List<DailyTotals> dailySeries(Actor actor, Instant from, Instant to) {
        actor.require(Permission.ANALYTICS_VIEW);
        checkPeriod(from, to);
        return store.countsByDayBetween(from, to, config.zone());
    }

    /**
     * The local hour at which the segment's leads read most over the configured lookback (earliest
     * hour on a tie); the configured default when there are fewer reads than the configured
     * minimum. The segment is read from the lead directory page by page.
     */
    public SendHourSuggestion suggestSendHour(Actor actor, TargetCriteria segment) {
        actor.require(Permission.ANALYTICS_VIEW);
        Objects.requireNonNull(segment, "segment");
        Instant to = clock.instant();
        Instant from = to.minus(config.suggestionLookback());
        WeekdayHourCounts reads = WeekdayHourCounts.empty();
        long after = 0;
        // Every lead: one store query over all messages, not a pass over the lead table.
        boolean everyLead = segment.equals(TargetCriteria.all());
        if (everyLead) {
            reads = store.readsByWeekdayHour(from, to, config.zone(), null);
        }
        while (!everyLead) {
            List<Lead> page = leads.page(segment, after, SEGMENT_PAGE);
            if (page.isEmpty()) {
                break;
            }
            reads = reads.plus(store.readsByWeekdayHour(from, to, config.zone(),
                    page.stream().map(Lead::id).toList()));
            after = page.get(page.size() - 1).id();
            if (page.size() < SEGMENT_PAGE) {
                break;
            }
        }
        long total = reads.total();
        if (total < config.minReadsForSuggestion()) {
            return new SendHourSuggestion(config.defaultSendHour(), total, true,
                    config.defaultSendHour() + ", default: fewer than " + config.minReadsForSuggestion()
                            + " reads (" + total + ")");
        }
        int best = 0;
        for (int h = 1; h < 24; h++) {
            if (reads.byHour(h) > reads.byHour(best)) {
                best = h;
            }
        }
        LocalTime hour = LocalTime.of(best, 0);
        return new SendHourSuggestion(hour, total, false,
                hour + ", most reads (" + reads.byHour(best) + " of " + total + ")");
    }

    private static void checkPeriod(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends before it starts");
        }
    }
}
