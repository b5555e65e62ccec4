package io.leadreach.sending;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Quiet hours: the daily span, in the lead's own time zone, when nothing is sent. The default is
 * 22:00 to 09:00. A span may cross midnight; equal start and end mean no quiet hours.
 */
public final class SendWindow {

    public static final LocalTime DEFAULT_QUIET_START = LocalTime.of(22, 0);
    public static final LocalTime DEFAULT_QUIET_END = LocalTime.of(9, 0);

    private static final SendWindow DEFAULTS = new SendWindow(DEFAULT_QUIET_START, DEFAULT_QUIET_END);
    private static final SendWindow ALWAYS = new SendWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    private final LocalTime quietStart;
    private final LocalTime quietEnd;

    private SendWindow(LocalTime quietStart, LocalTime quietEnd) {
        this.quietStart = Objects.requireNonNull(quietStart, "quietStart");
        this.quietEnd = Objects.requireNonNull(quietEnd, "quietEnd");
    }

    /** Quiet from 22:00 to 09:00. */
    public static SendWindow ofDefaults() {
        return DEFAULTS;
    }

    /** No quiet hours. */
    public static SendWindow always() {
        return ALWAYS;
    }

    /** Quiet from {@code start} (inclusive) to {@code end} (exclusive), local time. */
    public static SendWindow quietBetween(LocalTime start, LocalTime end) {
        return start.equals(end) ? ALWAYS : new SendWindow(start, end);
    }

    public LocalTime quietStart() {
        return quietStart;
    }

    public LocalTime quietEnd() {
        return quietEnd;
    }

    /** Whether there are quiet hours at all. */
    public boolean hasQuietHours() {
        return !quietStart.equals(quietEnd);
    }

    /** Whether {@code localTime} falls in quiet hours. */
    public boolean isQuiet(LocalTime localTime) {
        if (!hasQuietHours()) {
            return false;
        }
        if (quietStart.isBefore(quietEnd)) {
            return !localTime.isBefore(quietStart) && localTime.isBefore(quietEnd);
        }
        return !localTime.isBefore(quietStart) || localTime.isBefore(quietEnd);
    }

    /**
     * The earliest instant at or after {@code now} when a message may go to someone in {@code zone}:
     * {@code now} itself outside quiet hours, else the end of the current quiet span. Daylight-saving
     * gaps move the end forward as {@link ZonedDateTime} does.
     */
    public Instant nextAllowed(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!isQuiet(local.toLocalTime())) {
            return now;
        }
        LocalDate endDate = local.toLocalTime().isBefore(quietEnd) ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(endDate, quietEnd, zone).toInstant();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendWindow w && w.quietStart.equals(quietStart) && w.quietEnd.equals(quietEnd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(quietStart, quietEnd);
    }

    @Override
    public String toString() {
        return hasQuietHours() ? "quiet " + quietStart + "-" + quietEnd : "no quiet hours";
    }
}
