package io.leadreach.campaign;

import java.util.EnumMap;
import java.util.Map;

/**
 * How many recipients of a campaign stand in each status, read at one moment: the parts always
 * add up to {@link #total()}.
 */
public final class CampaignCounters {

    private final long[] counts;

    private CampaignCounters(long[] counts) {
        this.counts = counts;
    }

    /** Counters from a count per status (statuses not named count zero). */
    public static CampaignCounters of(Map<RecipientStatus, Long> byStatus) {
        long[] c = new long[RecipientStatus.values().length];
        byStatus.forEach((s, n) -> c[s.ordinal()] = n);
        return new CampaignCounters(c);
    }

    /** Counters from an array indexed by {@link RecipientStatus#ordinal()} (copied). */
    public static CampaignCounters ofArray(long[] byOrdinal) {
        if (byOrdinal.length != RecipientStatus.values().length) {
            throw new IllegalArgumentException("one count per status expected");
        }
        return new CampaignCounters(byOrdinal.clone());
    }

    public static CampaignCounters empty() {
        return new CampaignCounters(new long[RecipientStatus.values().length]);
    }

    public long get(RecipientStatus status) {
        return counts[status.ordinal()];
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Accepted by the provider, delivered and read included. */
    public long sent() {
        return get(RecipientStatus.SENT) + get(RecipientStatus.DELIVERED) + get(RecipientStatus.READ);
    }

    /** Delivered, read included ({@link io.leadreach.analytics.DeliveryCounting#DELIVERED_RECIPIENTS}). */
    public long delivered() {
        long n = 0;
        for (RecipientStatus s : io.leadreach.analytics.DeliveryCounting.DELIVERED_RECIPIENTS) {
            n += get(s);
        }
        return n;
    }

    public long read() {
        return get(RecipientStatus.READ);
    }

    public long failed() {
        return get(RecipientStatus.FAILED);
    }

    public long skipped() {
        return get(RecipientStatus.SKIPPED);
    }

    public long cancelled() {
        return get(RecipientStatus.CANCELLED);
    }

    public long inDoubt() {
        return get(RecipientStatus.IN_DOUBT);
    }

    /** Still to be settled: pending, claimed or being sent. */
    public long open() {
        return get(RecipientStatus.PENDING) + get(RecipientStatus.CLAIMED) + get(RecipientStatus.SENDING);
    }

    /** Counts by status, every status present. */
    public Map<RecipientStatus, Long> asMap() {
        Map<RecipientStatus, Long> m = new EnumMap<>(RecipientStatus.class);
        for (RecipientStatus s : RecipientStatus.values()) {
            m.put(s, counts[s.ordinal()]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CampaignCounters c && java.util.Arrays.equals(c.counts, counts);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CampaignCounters" + asMap();
    }
}
