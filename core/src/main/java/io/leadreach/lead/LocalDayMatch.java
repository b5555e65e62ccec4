package io.leadreach.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * "The month and day of this date is today for the lead": what birthday and anniversary criteria
 * ask. Today is the calendar date of {@code at} in the lead's own time zone ({@code defaultZone}
 * when the lead has none). A February 29 date matches February 28 in years without one. The date
 * must lie in an earlier year than today (an anniversary is not due on the day it happens).
 *
 * @param at          the moment judged
 * @param defaultZone the zone of leads whose time zone is unknown
 */
public record LocalDayMatch(Instant at, ZoneId defaultZone) {

    private static final MonthDay LEAP_DAY = MonthDay.of(Month.FEBRUARY, 29);
    private static final MonthDay FEB_28 = MonthDay.of(Month.FEBRUARY, 28);

    public LocalDayMatch {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(defaultZone, "defaultZone");
    }

    /** The lead's calendar date at {@link #at()}. */
    public LocalDate today(ZoneId leadZone) {
        return at.atZone(leadZone != null ? leadZone : defaultZone).toLocalDate();
    }

    /** Whether {@code date} falls on the lead's today (see the class comment). */
    public boolean matches(LocalDate date, ZoneId leadZone) {
        if (date == null) {
            return false;
        }
        LocalDate today = today(leadZone);
        if (date.getYear() >= today.getYear()) {
            return false;
        }
        MonthDay md = MonthDay.from(date);
        MonthDay todayMd = MonthDay.from(today);
        return md.equals(todayMd) || (md.equals(LEAP_DAY) && todayMd.equals(FEB_28) && !today.isLeapYear());
    }

    /**
     * Every month-day that is today somewhere on Earth at {@link #at()} (UTC-12 to UTC+14), plus
     * February 29 when February 28 of a non-leap year is among them: a superset a database query can
     * narrow by before the exact check of {@link #matches}.
     */
    public Set<MonthDay> candidateMonthDays() {
        Set<MonthDay> out = new TreeSet<>();
        for (int hours = -12; hours <= 14; hours++) {
            LocalDate d = at.atOffset(ZoneOffset.ofHours(hours)).toLocalDate();
            out.add(MonthDay.from(d));
            if (MonthDay.from(d).equals(FEB_28) && !d.isLeapYear()) {
                out.add(LEAP_DAY);
            }
        }
        out.add(MonthDay.from(today(defaultZone)));
        return out;
    }
}
