package io.leadreach.spring.ui.internal;

import io.leadreach.ValidationException;
import io.leadreach.spring.internal.AnalyticsController;
import io.leadreach.spring.internal.Routes;
import io.leadreach.spring.internal.Views;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analytics dashboard ({@code GET /leads/whatsapp/analytics} asking for {@code text/html}): the
 * same figures the JSON answer holds, as stat tiles, ECharts charts (options as JSON in
 * {@code data-chart}) and tables, with period and time-zone pickers that reload the dashboard's
 * body through htmx. Without an analytics store the page says so.
 */
@RestController
public class AnalyticsPage {

    /** Templates ranked on the dashboard. */
    static final int TOP_TEMPLATES = 10;

    private final AnalyticsController api;
    private final TemplateStore templates;
    private final UiContexts contexts;
    private final ConsoleRenderer renderer;

    /** The page over the analytics API's own controller (so both read the parameters the same way). */
    public AnalyticsPage(AnalyticsController api, TemplateStore templates, UiContexts contexts,
                         ConsoleRenderer renderer) {
        this.api = api;
        this.templates = templates;
        this.contexts = contexts;
        this.renderer = renderer;
    }

    /** What the dashboard's body shows. */
    public record Dashboard(Views.AnalyticsView view, Map<Long, String> templateNames, String dailyChart,
                            String statusChart, String campaignChart, String readsChart, String sendsChart) {

        /** Replied ÷ read, as a share. */
        public double replyPerRead() {
            return view.period().read() == 0 ? 0 : (double) view.period().replied() / view.period().read();
        }

        /** The local hour with the most reads in the period (earliest on a tie), or -1 without reads. */
        public int busiestReadHour() {
            long[] byHour = new long[24];
            for (long[] day : view.readsByWeekdayHour().byWeekday().values()) {
                for (int h = 0; h < 24; h++) {
                    byHour[h] += day[h];
                }
            }
            int best = -1;
            for (int h = 0; h < 24; h++) {
                if (byHour[h] > 0 && (best < 0 || byHour[h] > byHour[best])) {
                    best = h;
                }
            }
            return best;
        }

        /** The compared campaigns with the most replies first (those with any), at most ten. */
        public List<Views.ComparisonView> byReplies() {
            return view.campaigns().stream().filter(c -> c.replied() > 0)
                    .sorted(Comparator.comparingLong(Views.ComparisonView::replied).reversed()).limit(10).toList();
        }
    }

    /** The dashboard, or only its body for an htmx request ({@code HX-Request}). */
    @GetMapping(path = Routes.ANALYTICS, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> dashboard(HttpServletRequest request,
                                            @RequestParam(name = "zone", required = false) String zone,
                                            @RequestParam(name = "from", required = false) String from,
                                            @RequestParam(name = "to", required = false) String to,
                                            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        UiContext ui = contexts.of(request, "analytics");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        Map<String, String> errors = new LinkedHashMap<>();
        Dashboard dashboard = null;
        String unavailable = null;
        try {
            Views.AnalyticsView view = api.dashboard(zone, from, to, null, String.valueOf(TOP_TEMPLATES), null);
            dashboard = dashboard(view);
            zone = view.zone();
            from = view.from().toString();
            to = view.to().toString();
        } catch (ValidationException e) {
            e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
        } catch (AnalyticsController.AnalyticsUnavailableException e) {
            unavailable = e.getMessage();
        }
        params.put("dashboard", dashboard);
        params.put("errors", errors);
        params.put("unavailable", unavailable);
        params.put("zone", zone == null ? "" : zone);
        params.put("from", from == null ? "" : from);
        params.put("to", to == null ? "" : to);
        params.put("zones", zones());
        return renderer.page(htmx != null ? "analytics/body.jte" : "analytics/dashboard.jte", params);
    }

    private Dashboard dashboard(Views.AnalyticsView view) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (Views.TemplateRankView t : view.topTemplates()) {
            names.put(t.templateId(), templates.findById(t.templateId()).map(MessageTemplate::name)
                    .orElse("Template " + t.templateId() + " (deleted)"));
        }
        return new Dashboard(view, names, DashboardCharts.daily(view.daily()),
                DashboardCharts.statusBreakdown(view.period()), DashboardCharts.campaignSuccess(view.campaigns()),
                DashboardCharts.heatMap(view.readsByWeekdayHour(), "Reads"),
                DashboardCharts.heatMap(view.sendsByWeekdayHour(), "Sends"));
    }

    /** The time zones offered: the region ids Java knows, sorted, UTC first. */
    static List<String> zones() {
        List<String> zones = new ArrayList<>();
        zones.add("UTC");
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                zones.add(id);
            }
        }
        return zones;
    }
}
