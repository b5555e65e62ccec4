package io.leadreach.analytics;

import java.time.DayOfWeek;
import java.util.Arrays;

/** Counts by local weekday × hour of day (a heat map's cells): 7 × 24 cells, Monday first. */
public final class WeekdayHourCounts {

    private final long[] cells;

    private WeekdayHourCounts(long[] cells) {
        this.cells = cells;
    }

    /** All zero. */
    public static WeekdayHourCounts empty() {
        return new WeekdayHourCounts(new long[7 * 24]);
    }

    /** From 168 cells, Monday 00:00 first, then by hour (copied). */
    public static WeekdayHourCounts ofCells(long[] cells) {
        if (cells.length != 7 * 24) {
            throw new IllegalArgumentException("168 cells expected, got " + cells.length);
        }
        return new WeekdayHourCounts(cells.clone());
    }

    /** The cell index of this weekday and hour. */
    public static int index(DayOfWeek day, int hour) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour out of range: " + hour);
        }
        return (day.getValue() - 1) * 24 + hour;
    }

    /** The count at this weekday and hour (0 to 23). */
    public long get(DayOfWeek day, int hour) {
        return cells[index(day, hour)];
    }

    /** The count at this hour over all weekdays. */
    public long byHour(int hour) {
        long t = 0;
        for (DayOfWeek d : DayOfWeek.values()) {
            t += get(d, hour);
        }
        return t;
    }

    /** All cells summed. */
    public long total() {
        return Arrays.stream(cells).sum();
    }

    /** This plus {@code other}, cell by cell. */
    public WeekdayHourCounts plus(WeekdayHourCounts other) {
        long[] sum = cells.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.cells[i];
        }
        return new WeekdayHourCounts(sum);
    }

    /** A copy of the 168 cells, Monday 00:00 first. */
    public long[] toCells() {
        return cells.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeekdayHourCounts w && Arrays.equals(w.cells, cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "WeekdayHourCounts[total=" + total() + "]";
    }
}
