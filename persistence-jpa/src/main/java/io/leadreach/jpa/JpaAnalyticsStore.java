package io.leadreach.jpa;

import io.leadreach.analytics.AnalyticsStore;
import io.leadreach.analytics.DeliveryCounting;
import io.leadreach.analytics.DailyTotals;
import io.leadreach.analytics.MessageTotals;
import io.leadreach.analytics.WeekdayHourCounts;
import io.leadreach.jpa.internal.Dialect;
import io.leadreach.jpa.internal.Tx;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link AnalyticsStore} on Jakarta Persistence: every figure is one aggregate SQL query
 * ({@code COUNT}, {@code SUM(CASE ...)}, {@code GROUP BY}) over {@code lead_whatsapp_messages},
 * joined to {@code lead_whatsapp_campaign_leads} for replies (a campaign message counts as replied
 * when the recipient holding its correlation id has a reply time). Only the aggregated rows reach
 * Java: at most 168 cells for a heat map and one row per day for a series.
 *
 * <h2>Time zones, portably</h2>
 * MariaDB's {@code CONVERT_TZ} needs the server's time zone tables, which are often not loaded,
 * so no database time zone function is used. Instead the zone's UTC offsets over the period are
 * read in Java ({@link ZoneRules}) and written into the query as a {@code CASE} over the instant's
 * epoch seconds: each event is shifted by the offset in force at that instant, then divided into
 * local days and hours in SQL. This is exact for every zone, including those with half- or
 * quarter-hour offsets (Asia/Kolkata, Asia/Kathmandu, Pacific/Chatham) and daylight saving
 * changes within the period; a period spanning many years of transitions gets a longer
 * {@code CASE}, not a wrong answer.
 *
 * <p>The indexes the queries use (on {@code sent_at}, {@code delivered_at}, {@code read_at}) are
 * created by {@link LeadReachJpa#migrate}. Each call runs in its own short read transaction.
 */
public final class JpaAnalyticsStore implements AnalyticsStore {

    // (see DeliveryCounting for what counts as delivered and read)

    private static final String MESSAGES = "lead_whatsapp_messages";
    private static final String RECIPIENTS = "lead_whatsapp_campaign_leads";
    /** Lead ids per {@code IN} list: well under every database's limit of bound parameters. */
    private static final int LEAD_CHUNK = 1000;
    /** 1970-01-01 was a Thursday: its midnight is cell 3 × 24 of a Monday-first week. */
    private static final int EPOCH_CELL = 3 * 24;

    private static final String TOTALS = "COUNT(*),"
            // delivered and read as DeliveryCounting defines them (a delivery time alone does not count)
            + " SUM(CASE WHEN m.status IN (" + DeliveryCounting.sqlList(DeliveryCounting.DELIVERED)
            + ") THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN m.status IN (" + DeliveryCounting.sqlList(DeliveryCounting.READ) + ") THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN r.replied_at IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN m.status = 'FAILED' THEN 1 ELSE 0 END)"
            + " FROM " + MESSAGES + " m LEFT JOIN " + RECIPIENTS + " r"
            + " ON m.campaign_id IS NOT NULL AND r.correlation_id = m.correlation_id"
            + " WHERE m.sent_at >= :from AND m.sent_at < :to";

    private final Tx tx;
    private volatile Dialect dialect;

    /** A store over this factory, which must map the library's entities ({@link LeadReachJpa#entityClasses}). */
    public JpaAnalyticsStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    @Override
    public MessageTotals totalsBetween(Instant from, Instant to) {
        checkPeriod(from, to);
        return tx.call(em -> {
            Object[] row = (Object[]) period(em.createNativeQuery("SELECT " + TOTALS), from, to).getSingleResult();
            return totals(row, 0);
        });
    }

    @Override
    public Map<Long, MessageTotals> totalsByCampaignBetween(Instant from, Instant to) {
        checkPeriod(from, to);
        return tx.call(em -> {
            List<?> rows = period(em.createNativeQuery("SELECT m.campaign_id, " + TOTALS
                    + " AND m.campaign_id IS NOT NULL GROUP BY m.campaign_id"), from, to).getResultList();
            Map<Long, MessageTotals> out = new HashMap<>();
            for (Object o : rows) {
                Object[] row = (Object[]) o;
                out.put(number(row[0]), totals(row, 1));
            }
            return out;
        });
    }

    @Override
    public List<DailyTotals> countsByDayBetween(Instant from, Instant to, ZoneId zone) {
        checkPeriod(from, to);
        Objects.requireNonNull(zone, "zone");
        LocalDate first = from.atZone(zone).toLocalDate();
        ZonedDateTime end = to.atZone(zone);
        LocalDate last = end.toLocalDate();
        if (end.equals(last.atStartOfDay(zone))) {
            last = last.minusDays(1);
        }
        int days = (int) Math.max(0, last.toEpochDay() - first.toEpochDay() + 1);
        long[][] counts = new long[days][3];
        if (days > 0) {
            tx.call(em -> {
                String[] columns = {"sent_at", "delivered_at", "read_at"};
                for (int c = 0; c < columns.length; c++) {
                    String local = localSeconds(em, "m." + columns[c], from, to, zone);
                    List<?> rows = period(em.createNativeQuery("SELECT d, COUNT(*) FROM (SELECT "
                            + dialect(em).divide(local, 86400) + " AS d FROM " + MESSAGES + " m WHERE m." + columns[c] + " >= :from AND m."
                            + columns[c] + " < :to) t GROUP BY d"), from, to).getResultList();
                    for (Object o : rows) {
                        Object[] row = (Object[]) o;
                        long i = number(row[0]) - first.toEpochDay();
                        if (i >= 0 && i < days) {
                            counts[(int) i][c] += number(row[1]);
                        }
                    }
                }
                return null;
            });
        }
        List<DailyTotals> out = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            out.add(new DailyTotals(first.plusDays(i), counts[i][0], counts[i][1], counts[i][2]));
        }
        return out;
    }

    @Override
    public WeekdayHourCounts sendsByWeekdayHour(Instant from, Instant to, ZoneId zone) {
        checkPeriod(from, to);
        Objects.requireNonNull(zone, "zone");
        return tx.call(em -> {
            long[] cells = new long[7 * 24];
            addCells(cells, period(em.createNativeQuery(cellQuery(em, "sent_at", from, to, zone, "")), from, to));
            return WeekdayHourCounts.ofCells(cells);
        });
    }

    @Override
    public WeekdayHourCounts readsByWeekdayHour(Instant from, Instant to, ZoneId zone, Collection<Long> leadIds) {
        checkPeriod(from, to);
        Objects.requireNonNull(zone, "zone");
        if (leadIds != null && leadIds.isEmpty()) {
            return WeekdayHourCounts.empty();
        }
        return tx.call(em -> {
            long[] cells = new long[7 * 24];
            if (leadIds == null) {
                addCells(cells, period(em.createNativeQuery(cellQuery(em, "read_at", from, to, zone, "")), from, to));
            } else {
                List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(leadIds));
                String sql = cellQuery(em, "read_at", from, to, zone, " AND m.lead_id IN (:leads)");
                for (int i = 0; i < distinct.size(); i += LEAD_CHUNK) {
                    List<Long> chunk = distinct.subList(i, Math.min(distinct.size(), i + LEAD_CHUNK));
                    addCells(cells, period(em.createNativeQuery(sql), from, to).setParameter("leads", chunk));
                }
            }
            return WeekdayHourCounts.ofCells(cells);
        });
    }

    /** Counts per Monday-first weekday × hour cell of {@code column}'s local time, in the period. */
    private String cellQuery(EntityManager em, String column, Instant from, Instant to, ZoneId zone, String filter) {
        String local = localSeconds(em, "m." + column, from, to, zone);
        return "SELECT k, COUNT(*) FROM (SELECT MOD(" + dialect(em).divide(local, 3600) + " + " + EPOCH_CELL
                + ", 168) AS k FROM "
                + MESSAGES + " m WHERE m." + column + " >= :from AND m." + column + " < :to" + filter + ") t GROUP BY k";
    }

    private static void addCells(long[] cells, Query query) {
        for (Object o : query.getResultList()) {
            Object[] row = (Object[]) o;
            cells[(int) number(row[0])] += number(row[1]);
        }
    }

    /**
     * An SQL expression for the local wall time of {@code column}, as seconds since the local epoch:
     * its epoch seconds plus the zone's offset at that instant. Only offsets in force during
     * {@code [from, to)} are written out (the query filters on the period). The numbers are computed
     * here, never taken from input text.
     */
    private String localSeconds(EntityManager em, String column, Instant from, Instant to, ZoneId zone) {
        String epoch = dialect(em).epochSeconds(column);
        ZoneRules rules = zone.getRules();
        StringBuilder offsets = new StringBuilder();
        Instant at = from;
        int cases = 0;
        for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(to);
             t = rules.nextTransition(at)) {
            offsets.append(" WHEN ").append(epoch).append(" < ").append(t.getInstant().getEpochSecond())
                    .append(" THEN ").append(t.getOffsetBefore().getTotalSeconds());
            at = t.getInstant();
            cases++;
        }
        int last = rules.getOffset(cases == 0 ? from : at).getTotalSeconds();
        if (cases == 0) {
            return "(" + epoch + " + " + last + ")";
        }
        return "(" + epoch + " + CASE" + offsets + " ELSE " + last + " END)";
    }

    private Dialect dialect(EntityManager em) {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.of(em);
            dialect = d;
        }
        return d;
    }

    private static Query period(Query query, Instant from, Instant to) {
        return query.setParameter("from", from).setParameter("to", to);
    }

    private static MessageTotals totals(Object[] row, int at) {
        return new MessageTotals(number(row[at]), number(row[at + 1]), number(row[at + 2]), number(row[at + 3]),
                number(row[at + 4]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static void checkPeriod(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
