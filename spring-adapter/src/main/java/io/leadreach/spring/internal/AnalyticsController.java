package io.leadreach.spring.internal;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.analytics.AnalyticsService;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analytics dashboard's figures in one answer, each from the core's {@link AnalyticsService}:
 * totals for today, this week and this month, rates over a period, campaigns side by side, top
 * templates, send and read heat maps, a daily series and a suggested send hour. Needs
 * {@code lead-whatsapp-analytics-view}.
 */
@RestController
public class AnalyticsController {

    /** Days in the default period (ending today). */
    public static final int DEFAULT_DAYS = 30;
    /** The longest period one request may ask for, in days. */
    public static final int MAX_DAYS = 366;
    /** Templates listed by default. */
    public static final int DEFAULT_TOP = 5;
    /** The most templates one request may list. */
    public static final int MAX_TOP = 100;

    private final Supplier<AnalyticsService> analytics;
    private final Clock clock;
    private final Actors actors;

    /**
     * The controller over the core's analytics, looked up on each request ({@code analytics} may
     * throw {@link IllegalStateException} when no analytics store is configured).
     */
    public AnalyticsController(Supplier<AnalyticsService> analytics, Clock clock, Actors actors) {
        this.analytics = analytics;
        this.clock = clock;
        this.actors = actors;
    }

    /**
     * The dashboard.
     *
     * @param zone          the zone of days, weeks and hours (an IANA id such as {@code Europe/Madrid});
     *                      {@code leadreach.analytics.zone} by default
     * @param from          the first day of the period (ISO date, in that zone); 29 days before {@code to} by default
     * @param to            the last day of the period, included; today by default
     * @param status        the campaign statuses compared (all by default)
     * @param top           how many templates to list (1 to 100, default 5)
     * @param segmentStatus lead statuses whose read times suggest the send hour (all leads by default)
     */
    @GetMapping(Routes.ANALYTICS)
    public Views.AnalyticsView dashboard(@RequestParam(name = "zone", required = false) String zone,
                                         @RequestParam(name = "from", required = false) String from,
                                         @RequestParam(name = "to", required = false) String to,
                                         @RequestParam(name = "status", required = false) List<String> status,
                                         @RequestParam(name = "top", required = false) String top,
                                         @RequestParam(name = "segmentStatus", required = false)
                                         List<String> segmentStatus) {
        Actor actor = actors.current();
        AnalyticsService configured = available();
        List<FieldError> errors = new ArrayList<>();
        ZoneId z = zone(zone, configured.config().zone(), errors);
        LocalDate today = clock.instant().atZone(z == null ? configured.config().zone() : z).toLocalDate();
        LocalDate last = date("to", to, today, errors);
        LocalDate first = date("from", from, last == null ? null : last.minusDays(DEFAULT_DAYS - 1L), errors);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                errors.add(new FieldError("to", "before_from", "the period ends (" + last + ") before it starts ("
                        + first + ")"));
            } else if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
                errors.add(new FieldError("from", "period_too_long", "the period may span at most " + MAX_DAYS
                        + " days, got " + (ChronoUnit.DAYS.between(first, last) + 1)));
            }
        }
        Set<CampaignStatus> statuses = statuses(status, errors);
        int limit = top(top, errors);
        Set<String> segment = segmentStatus == null ? Set.of() : new LinkedHashSet<>(segmentStatus.stream()
                .flatMap(s -> java.util.Arrays.stream(s.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .toList());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        AnalyticsService a = configured.inZone(z);
        Instant start = first.atStartOfDay(z).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(z).toInstant();
        TargetCriteria target = segment.isEmpty() ? TargetCriteria.all()
                : TargetCriteria.builder().statuses(segment.toArray(String[]::new)).build();
        return new Views.AnalyticsView(z.getId(), first, last,
                a.sentTotals(actor),
                Views.TotalsView.of(a.totals(actor, start, end)),
                a.compareCampaigns(actor, statuses).stream().map(Views.ComparisonView::of).toList(),
                a.topTemplates(actor, start, end, limit).stream().map(Views.TemplateRankView::of).toList(),
                Views.HeatMapView.of(a.sendHeatMap(actor, start, end)),
                Views.HeatMapView.of(a.readHeatMap(actor, start, end)),
                a.dailySeries(actor, start, end),
                a.suggestSendHour(actor, target));
    }

    private AnalyticsService available() {
        try {
            return analytics.get();
        } catch (IllegalStateException e) {
            throw new AnalyticsUnavailableException(e.getMessage());
        }
    }

    private static ZoneId zone(String raw, ZoneId fallback, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException e) {
            errors.add(new FieldError("zone", "unknown_zone", "unknown time zone '" + abbreviate(raw)
                    + "'; use an IANA id such as Europe/Madrid or an offset such as +02:00"));
            return null;
        }
    }

    private static LocalDate date(String field, String raw, LocalDate fallback, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "invalid_date", field + " must be an ISO date such as 2026-03-02, got '"
                    + abbreviate(raw) + "'"));
            return null;
        }
    }

    private static Set<CampaignStatus> statuses(List<String> raw, List<FieldError> errors) {
        Set<CampaignStatus> out = EnumSet.noneOf(CampaignStatus.class);
        if (raw == null) {
            return out;
        }
        for (String s : raw) {
            for (String part : s.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(CampaignStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("status", "unknown_status", "unknown campaign status '"
                            + abbreviate(part) + "'; known are " + List.of(CampaignStatus.values())));
                }
            }
        }
        return out;
    }

    private static int top(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_TOP;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX_TOP) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("top", "out_of_range", "top must be a whole number from 1 to " + MAX_TOP
                + ", got '" + abbreviate(raw) + "'"));
        return DEFAULT_TOP;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** No analytics store is configured: answered 501. */
    public static final class AnalyticsUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AnalyticsUnavailableException(String message) {
            super(message);
        }
    }
}
