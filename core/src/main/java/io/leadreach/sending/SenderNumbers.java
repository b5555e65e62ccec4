package io.leadreach.sending;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers an engine sends from, in the order they were given; the first is the default one,
 * which single sends and campaigns that name no number use.
 *
 * <p>A campaign sends from one number or spreads its leads over a pool of them. The spread is by
 * lead and stable ({@link #pick}): a lead hears from the same number of the pool on every attempt
 * and every campaign with that pool, so its replies and its 24-hour window stay on one number.
 */
public final class SenderNumbers {

    private final Map<String, SenderNumber> byId;
    private final SenderNumber first;

    private SenderNumbers(Map<String, SenderNumber> byId) {
        this.byId = byId;
        this.first = byId.values().iterator().next();
    }

    /** These numbers; the first is the default. Ids must be unique. */
    public static SenderNumbers of(Collection<SenderNumber> numbers) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("at least one sender number is needed");
        }
        Map<String, SenderNumber> map = new LinkedHashMap<>();
        for (SenderNumber n : numbers) {
            if (map.putIfAbsent(n.id(), n) != null) {
                throw new IllegalArgumentException("sender number " + n.id() + " is given twice");
            }
        }
        return new SenderNumbers(map);
    }

    /** One number. */
    public static SenderNumbers of(SenderNumber number) {
        return of(List.of(number));
    }

    /** The default number: the first given. */
    public SenderNumber defaultNumber() {
        return first;
    }

    /** Every number, the default first. */
    public List<SenderNumber> all() {
        return List.copyOf(byId.values());
    }

    /** The number with this id, if registered. */
    public Optional<SenderNumber> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Whether a number with this id is registered. */
    public boolean contains(String id) {
        return id != null && byId.containsKey(id);
    }

    /** The ids among these that are not registered, in the order given. */
    public List<String> unknown(Collection<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (!contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * The number a lead is sent from by a campaign with this pool: the default number for an empty
     * pool, the one number of a pool of one, else a member chosen by the lead's id alone (stable
     * for a lead and a pool, and spread evenly over consecutive ids).
     *
     * @throws IllegalArgumentException when the chosen id is not registered
     */
    public SenderNumber pick(List<String> pool, long leadId) {
        if (pool.isEmpty()) {
            return first;
        }
        String id = pool.size() == 1 ? pool.get(0) : pool.get((int) Math.floorMod(mix(leadId), (long) pool.size()));
        SenderNumber n = byId.get(id);
        if (n == null) {
            throw new IllegalArgumentException("sender number " + id + " is not registered");
        }
        return n;
    }

    /** A 64-bit finalizer (SplitMix64's): consecutive lead ids land on pool members evenly but not in turn. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "SenderNumbers" + byId.keySet();
    }
}
