package io.leadreach.spring.ui.internal;

import io.leadreach.spring.internal.Views;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics dashboard's ECharts options, built as plain maps and written as JSON for the
 * {@code data-chart} attributes that {@code console.js} draws. Options are pure JSON (no
 * functions), so they pass the strict Content-Security-Policy and survive an htmx swap.
 */
public final class DashboardCharts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SENT = "#128c7e";
    private static final String DELIVERED = "#2b6cb0";
    private static final String READ = "#25d366";
    private static final String REPLIED = "#805ad5";
    private static final String FAILED = "#c0392b";
    private static final String SKIPPED = "#a0aec0";
    private static final String OTHER = "#d69e2e";

    private DashboardCharts() {
    }

    /** Messages sent, delivered and read per day of the period: a line chart. */
    public static String daily(List<Views.DayView> days) {
        List<String> labels = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        List<Long> read = new ArrayList<>();
        for (Views.DayView d : days) {
            labels.add(d.day().toString());
            sent.add(d.sent());
            delivered.add(d.delivered());
            read.add(d.read());
        }
        Map<String, Object> o = base();
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("legend", Map.of("top", 0));
        o.put("grid", Map.of("left", 48, "right", 16, "top", 36, "bottom", 32));
        o.put("xAxis", Map.of("type", "category", "boundaryGap", false, "data", labels));
        o.put("yAxis", Map.of("type", "value", "minInterval", 1));
        o.put("series", List.of(line("Sent", sent, SENT), line("Delivered", delivered, DELIVERED),
                line("Read", read, READ)));
        return write(o);
    }

    /** The period's messages by how far they got: a bar chart. */
    public static String statusBreakdown(Views.TotalsView t) {
        List<Object> data = List.of(bar(t.sent(), SENT), bar(t.delivered(), DELIVERED), bar(t.read(), READ),
                bar(t.replied(), REPLIED), bar(t.failed(), FAILED));
        Map<String, Object> o = base();
        o.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        o.put("grid", Map.of("left", 48, "right", 16, "top", 16, "bottom", 32));
        o.put("xAxis", Map.of("type", "category", "data", List.of("Sent", "Delivered", "Read", "Replied", "Failed")));
        o.put("yAxis", Map.of("type", "value", "minInterval", 1));
        o.put("series", List.of(Map.of("name", "Messages", "type", "bar", "barMaxWidth", 48, "data", data,
                "label", Map.of("show", true, "position", "top"))));
        return write(o);
    }

    /**
     * Every recipient of the compared campaigns by outcome (read; delivered, not read; sent, not
     * delivered; failed; skipped; not settled): a pie whose slices add up to the recipients.
     */
    public static String campaignSuccess(List<Views.ComparisonView> campaigns) {
        long total = 0;
        long sent = 0;
        long delivered = 0;
        long read = 0;
        long failed = 0;
        long skipped = 0;
        for (Views.ComparisonView c : campaigns) {
            total += c.total();
            sent += c.sent();
            delivered += c.delivered();
            read += c.read();
            failed += c.failed();
            skipped += c.skipped();
        }
        List<Object> data = new ArrayList<>();
        slice(data, "Read", read, READ);
        slice(data, "Delivered, not read", delivered - read, DELIVERED);
        slice(data, "Sent, not delivered", sent - delivered, SENT);
        slice(data, "Failed", failed, FAILED);
        slice(data, "Skipped", skipped, SKIPPED);
        slice(data, "Cancelled or not settled", total - sent - failed - skipped, OTHER);
        Map<String, Object> o = base();
        o.put("tooltip", Map.of("trigger", "item"));
        o.put("legend", Map.of("bottom", 0, "type", "scroll"));
        o.put("series", List.of(Map.of("name", "Recipients", "type", "pie", "radius", List.of("40%", "68%"),
                "center", List.of("50%", "44%"), "avoidLabelOverlap", true,
                "label", Map.of("formatter", "{b}: {c}"), "data", data)));
        return write(o);
    }

    /** Counts by weekday (rows, Monday first) and local hour (columns): a heat map. */
    public static String heatMap(Views.HeatMapView map, String seriesName) {
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(String.format(Locale.ROOT, "%02d", h));
        }
        List<String> weekdays = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        long max = 0;
        DayOfWeek[] days = DayOfWeek.values();
        for (int row = 0; row < days.length; row++) {
            // ECharts draws the first category at the bottom: Sunday first puts Monday on top.
            DayOfWeek d = days[days.length - 1 - row];
            weekdays.add(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            long[] counts = map.byWeekday().get(d.name());
            for (int h = 0; h < 24; h++) {
                long v = counts == null ? 0 : counts[h];
                max = Math.max(max, v);
                data.add(List.of(h, row, v));
            }
        }
        Map<String, Object> o = base();
        o.put("tooltip", Map.of("position", "top"));
        o.put("grid", Map.of("left", 48, "right", 16, "top", 8, "bottom", 76));
        o.put("xAxis", Map.of("type", "category", "data", hours, "splitArea", Map.of("show", true)));
        o.put("yAxis", Map.of("type", "category", "data", weekdays, "splitArea", Map.of("show", true)));
        o.put("visualMap", Map.of("min", 0, "max", Math.max(1, max), "calculable", true, "orient", "horizontal",
                "left", "center", "bottom", 0, "itemHeight", 120,
                "inRange", Map.of("color", List.of("#f1f7f6", "#8fd3c6", "#128c7e", "#075e54"))));
        o.put("series", List.of(Map.of("name", seriesName, "type", "heatmap", "data", data,
                "emphasis", Map.of("itemStyle", Map.of("borderColor", "#1d2733", "borderWidth", 1)))));
        return write(o);
    }

    private static Map<String, Object> base() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("animation", false);
        o.put("textStyle", Map.of("fontFamily", "system-ui, sans-serif"));
        return o;
    }

    private static Map<String, Object> line(String name, List<Long> data, String color) {
        return Map.of("name", name, "type", "line", "data", data, "smooth", false, "showSymbol", true,
                "symbolSize", 5,
                "itemStyle", Map.of("color", color), "lineStyle", Map.of("width", 2));
    }

    private static Map<String, Object> bar(long value, String color) {
        return Map.of("value", value, "itemStyle", Map.of("color", color));
    }

    private static void slice(List<Object> data, String name, long value, String color) {
        if (value > 0) {
            data.add(Map.of("name", name, "value", value, "itemStyle", Map.of("color", color)));
        }
    }

    private static String write(Object option) {
        return JSON.writeValueAsString(option);
    }
}
