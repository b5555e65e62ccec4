package io.leadreach.spring.ui.internal;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the analytics, template and automation pages write numbers, shares and times. */
public final class InsightFormats {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private InsightFormats() {
    }

    /** A count with thousands separators: {@code 12,345}. */
    public static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }

    /** A share from 0 to 1 as a percentage with one decimal: {@code 42.5%}. */
    public static String percent(double share) {
        return String.format(Locale.ENGLISH, "%.1f%%", share * 100);
    }

    /** An instant in UTC, for people: {@code 2 Mar 2026, 12:00 UTC}; "" for null. */
    public static String when(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(ZoneId.of("UTC"))) + " UTC";
    }

    /** A template category for people: {@code FOLLOW_UP} becomes {@code Follow-up}, {@code REMINDER} {@code Reminder}. */
    public static String category(String constant) {
        return "FOLLOW_UP".equals(constant) ? "Follow-up" : words(constant);
    }

    /** An enum-like constant for people: {@code DAYS_SINCE} becomes {@code Days since}. */
    public static String words(String constant) {
        if (constant == null || constant.isEmpty()) {
            return "";
        }
        String s = constant.replace('_', ' ').toLowerCase(Locale.ENGLISH);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
