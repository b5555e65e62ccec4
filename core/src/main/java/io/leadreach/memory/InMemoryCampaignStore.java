package io.leadreach.memory;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.InDoubtResolution;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.Settlement;
import io.leadreach.campaign.SkipReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link CampaignStore} in memory: one lock per campaign, a queue of pending recipients ordered
 * by due time, and counters kept in step with every change. Fit for tests and single-node hosts
 * that accept losing state on restart.
 */
public final class InMemoryCampaignStore implements CampaignStore {

    private final AtomicLong campaignIds = new AtomicLong();
    private final AtomicLong recipientIds = new AtomicLong();
    private final Map<Long, Campaign> campaigns = new ConcurrentHashMap<>();
    private final Map<Long, Book> books = new ConcurrentHashMap<>();
    private final Map<Long, Rec> byId = new ConcurrentHashMap<>();
    private final Map<String, Rec> byCorrelation = new ConcurrentHashMap<>();

    @Override
    public Campaign create(Campaign campaign) {
        if (campaign.id() != 0) {
            throw new IllegalArgumentException("a new campaign has id 0, got " + campaign.id());
        }
        Campaign stored = campaign.withId(campaignIds.incrementAndGet());
        books.put(stored.id(), new Book());
        campaigns.put(stored.id(), stored);
        return stored;
    }

    @Override
    public Optional<Campaign> find(long id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    @Override
    public List<Campaign> list(Set<CampaignStatus> statuses) {
        List<Campaign> out = new ArrayList<>();
        for (Campaign c : campaigns.values()) {
            if (statuses.isEmpty() || statuses.contains(c.status())) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingLong(Campaign::id).reversed());
        return out;
    }

    @Override
    public Optional<Campaign> transition(long id, CampaignStatus from, CampaignStatus to, Instant at, String reason) {
        Campaign[] result = new Campaign[1];
        campaigns.computeIfPresent(id, (k, c) -> {
            if (c.status() != from) {
                return c;
            }
            result[0] = c.withStatus(to, at, reason);
            return result[0];
        });
        return Optional.ofNullable(result[0]);
    }

    @Override
    public void recordMaterialized(long id, long upToLeadId, boolean done) {
        campaigns.computeIfPresent(id, (k, c) -> c.withMaterialized(upToLeadId, done));
    }

    @Override
    public int addRecipients(long campaignId, Collection<Long> leadIds, Instant now) {
        return inBook(campaignId, book -> {
                int added = 0;
                for (Long leadId : leadIds) {
                    if (book.byLead.containsKey(leadId)) {
                        continue;
                    }
                    Rec r = new Rec(recipientIds.incrementAndGet(), campaignId, leadId, now);
                    book.byLead.put(leadId, r);
                    book.all.add(r);
                    book.pending.add(r);
                    book.counts[RecipientStatus.PENDING.ordinal()]++;
                    byId.put(r.id, r);
                    added++;
                }
                return added;
        });
    }

    @Override
    public List<CampaignRecipient> claim(long campaignId, String owner, Instant now, Instant leaseUntil, int limit) {
        return inBook(campaignId, book -> {
                List<CampaignRecipient> out = new ArrayList<>(Math.min(limit, book.pending.size()));
                while (out.size() < limit) {
                    Rec r = book.pending.peek();
                    if (r == null || r.nextAttemptAt.isAfter(now)) {
                        break;
                    }
                    book.pending.poll();
                    book.move(r, RecipientStatus.CLAIMED, now);
                    r.owner = owner;
                    r.leaseUntil = leaseUntil;
                    book.leased.add(r);
                    out.add(r.snapshot());
                }
                return out;
        });
    }

    @Override
    public boolean markSending(long recipientId, String owner, String correlationId, Instant now) {
        return onOwnedClaim(recipientId, owner, (book, r) -> {
            book.move(r, RecipientStatus.SENDING, now);
            r.attempts++;
            if (r.correlationId != null) {
                byCorrelation.remove(r.correlationId);
            }
            r.correlationId = correlationId;
            byCorrelation.put(correlationId, r);
        });
    }

    @Override
    public boolean release(long recipientId, String owner, Instant nextAttemptAt) {
        return onOwnedClaim(recipientId, owner, (book, r) -> book.toPending(r, nextAttemptAt, r.updatedAt));
    }

    @Override
    public boolean skip(long recipientId, String owner, SkipReason reason, Instant now) {
        return onOwnedClaim(recipientId, owner, (book, r) -> {
            book.leased.remove(r);
            book.move(r, RecipientStatus.SKIPPED, now);
            r.skipReason = reason;
            r.owner = null;
            r.leaseUntil = null;
        });
    }

    /** Applies the change if the recipient is CLAIMED by {@code owner}, under its campaign's lock. */
    private boolean onOwnedClaim(long recipientId, String owner, java.util.function.BiConsumer<Book, Rec> change) {
        Rec r = byId.get(recipientId);
        if (r == null) {
            return false;
        }
        Book book = book(r.campaignId);
        book.lock.lock();
        try {
            if (r.status != RecipientStatus.CLAIMED || !owner.equals(r.owner)) {
                return false;
            }
            change.accept(book, r);
            return true;
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public Optional<CampaignRecipient> settle(String correlationId, Settlement settlement, Instant now) {
        Rec r = byCorrelation.get(correlationId);
        if (r == null) {
            return Optional.empty();
        }
        Book book = book(r.campaignId);
        book.lock.lock();
        try {
            if (!correlationId.equals(r.correlationId)) {
                return Optional.empty();
            }
            boolean sending = r.status == RecipientStatus.SENDING;
            boolean inDoubt = r.status == RecipientStatus.IN_DOUBT;
            boolean finalOutcome = settlement instanceof Settlement.Sent || settlement instanceof Settlement.Failed;
            if (!sending && !(inDoubt && finalOutcome)) {
                return Optional.empty();
            }
            book.leased.remove(r);
            r.owner = null;
            r.leaseUntil = null;
            if (settlement instanceof Settlement.Sent s) {
                book.move(r, RecipientStatus.SENT, now);
                r.providerMessageId = s.providerMessageId();
                r.sentAt = s.at();
                r.errorCode = null;
                r.errorMessage = null;
            } else if (settlement instanceof Settlement.Retry s) {
                r.errorCode = s.errorCode();
                r.errorMessage = s.errorMessage();
                book.toPending(r, s.nextAttemptAt(), now);
            } else if (settlement instanceof Settlement.Failed s) {
                book.move(r, RecipientStatus.FAILED, now);
                r.errorCode = s.errorCode();
                r.errorMessage = s.errorMessage();
                r.retryable = s.retryable();
            } else if (settlement instanceof Settlement.InDoubt s) {
                book.move(r, RecipientStatus.IN_DOUBT, now);
                r.errorCode = "IN_DOUBT";
                r.errorMessage = s.reason();
            }
            return Optional.of(r.snapshot());
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public Optional<CampaignRecipient> resolveInDoubt(long recipientId, InDoubtResolution resolution) {
        Rec r = byId.get(recipientId);
        if (r == null) {
            return Optional.empty();
        }
        Book book = book(r.campaignId);
        book.lock.lock();
        try {
            if (r.status != RecipientStatus.IN_DOUBT) {
                return Optional.empty();
            }
            r.resolution = resolution;
            if (resolution.kind() == InDoubtResolution.Kind.SEND_AGAIN) {
                book.toPendingUnleased(r, resolution.at(), resolution.at());
            } else {
                book.move(r, RecipientStatus.SENT, resolution.at());
                r.sentAt = resolution.at();
                r.errorCode = null;
                r.errorMessage = null;
            }
            return Optional.of(r.snapshot());
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public boolean advance(String correlationId, RecipientStatus status, Instant at, String errorCode,
                           String errorMessage) {
        Rec r = byCorrelation.get(correlationId);
        if (r == null) {
            return false;
        }
        Book book = book(r.campaignId);
        book.lock.lock();
        try {
            if (!r.status.isSent() || !forward(r.status, status)) {
                return false;
            }
            book.move(r, status, at);
            if (status == RecipientStatus.DELIVERED) {
                r.deliveredAt = at;
            } else if (status == RecipientStatus.READ) {
                r.readAt = at;
            } else if (status == RecipientStatus.FAILED) {
                r.errorCode = errorCode;
                r.errorMessage = errorMessage;
                r.retryable = false;
            }
            return true;
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public boolean recordReply(String correlationId, Instant at) {
        Rec r = byCorrelation.get(correlationId);
        if (r == null) {
            return false;
        }
        Book book = book(r.campaignId);
        book.lock.lock();
        try {
            if (r.repliedAt != null || !correlationId.equals(r.correlationId)) {
                return false;
            }
            r.repliedAt = at;
            book.replied++;
            return true;
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public long countReplied(long campaignId) {
        Book book = books.get(campaignId);
        if (book == null) {
            return 0;
        }
        book.lock.lock();
        try {
            return book.replied;
        } finally {
            book.lock.unlock();
        }
    }

    private static boolean forward(RecipientStatus from, RecipientStatus to) {
        if (to == RecipientStatus.FAILED) {
            return from == RecipientStatus.SENT || from == RecipientStatus.DELIVERED;
        }
        return (to == RecipientStatus.DELIVERED || to == RecipientStatus.READ) && to.ordinal() > from.ordinal();
    }

    @Override
    public int expireLeases(long campaignId, Instant now) {
        return inBook(campaignId, book -> {
                int moved = 0;
                for (Iterator<Rec> it = book.leased.iterator(); it.hasNext(); ) {
                    Rec r = it.next();
                    if (r.leaseUntil.isAfter(now)) {
                        continue;
                    }
                    it.remove();
                    if (r.status == RecipientStatus.CLAIMED) {
                        book.toPendingUnleased(r, now, now);
                    } else {
                        book.move(r, RecipientStatus.IN_DOUBT, now);
                        r.owner = null;
                        r.leaseUntil = null;
                        r.errorCode = "IN_DOUBT";
                        r.errorMessage = "lease expired while sending; outcome unknown";
                    }
                    moved++;
                }
                return moved;
        });
    }

    @Override
    public int cancelOpen(long campaignId, Instant now) {
        return inBook(campaignId, book -> {
                int n = 0;
                for (Rec r : book.pending) {
                    book.move(r, RecipientStatus.CANCELLED, now);
                    n++;
                }
                book.pending.clear();
                for (Iterator<Rec> it = book.leased.iterator(); it.hasNext(); ) {
                    Rec r = it.next();
                    if (r.status == RecipientStatus.CLAIMED) {
                        it.remove();
                        book.move(r, RecipientStatus.CANCELLED, now);
                        r.owner = null;
                        r.leaseUntil = null;
                        n++;
                    }
                }
                return n;
        });
    }

    @Override
    public int requeueRetryableFailures(long campaignId, Instant now) {
        return inBook(campaignId, book -> {
                int n = 0;
                for (Rec r : book.all) {
                    if (r.status == RecipientStatus.FAILED && r.retryable) {
                        r.attempts = 0;
                        r.retryable = false;
                        book.toPendingUnleased(r, now, now);
                        n++;
                    }
                }
                return n;
        });
    }

    @Override
    public CampaignCounters counts(long campaignId) {
        Book book = books.get(campaignId);
        if (book == null) {
            return CampaignCounters.empty();
        }
        book.lock.lock();
        try {
            return CampaignCounters.ofArray(book.counts);
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public Optional<Instant> nextDueAt(long campaignId) {
        return inBook(campaignId, book -> {
                Rec r = book.pending.peek();
                return r == null ? Optional.empty() : Optional.of(r.nextAttemptAt);
        });
    }

    @Override
    public Optional<CampaignRecipient> findRecipient(long recipientId) {
        return snapshot(byId.get(recipientId));
    }

    @Override
    public Optional<CampaignRecipient> findRecipientByCorrelationId(String correlationId) {
        return snapshot(byCorrelation.get(correlationId));
    }

    private Optional<CampaignRecipient> snapshot(Rec r) {
        if (r == null) {
            return Optional.empty();
        }
        Book book = book(r.campaignId);
        book.lock.lock();
        try {
            return Optional.of(r.snapshot());
        } finally {
            book.lock.unlock();
        }
    }

    @Override
    public List<CampaignRecipient> recipients(long campaignId, long afterId, int limit) {
        return inBook(campaignId, book -> {
                List<CampaignRecipient> out = new ArrayList<>();
                int lo = 0;
                int hi = book.all.size();
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (book.all.get(mid).id <= afterId) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                for (int i = lo; i < book.all.size() && out.size() < limit; i++) {
                    out.add(book.all.get(i).snapshot());
                }
                return out;
        });
    }

    /** Runs {@code work} on the campaign's recipients under its lock. */
    private <T> T inBook(long campaignId, java.util.function.Function<Book, T> work) {
        Book book = book(campaignId);
        book.lock.lock();
        try {
            return work.apply(book);
        } finally {
            book.lock.unlock();
        }
    }

    private Book book(long campaignId) {
        Book book = books.get(campaignId);
        if (book == null) {
            throw new IllegalArgumentException("campaign " + campaignId + " does not exist");
        }
        return book;
    }

    /** One campaign's recipients; every field is guarded by {@link #lock}. */
    private static final class Book {
        final ReentrantLock lock = new ReentrantLock();
        final Map<Long, Rec> byLead = new HashMap<>();
        final List<Rec> all = new ArrayList<>();
        final PriorityQueue<Rec> pending = new PriorityQueue<>(
                Comparator.comparing((Rec r) -> r.nextAttemptAt).thenComparingLong(r -> r.id));
        final Set<Rec> leased = new LinkedHashSet<>();
        final long[] counts = new long[RecipientStatus.values().length];
        long replied;

        void move(Rec r, RecipientStatus next, Instant now) {
            counts[r.status.ordinal()]--;
            counts[next.ordinal()]++;
            r.status = next;
            r.updatedAt = now;
        }

        void toPending(Rec r, Instant due, Instant now) {
            leased.remove(r);
            toPendingUnleased(r, due, now);
        }

        void toPendingUnleased(Rec r, Instant due, Instant now) {
            move(r, RecipientStatus.PENDING, now);
            r.owner = null;
            r.leaseUntil = null;
            r.nextAttemptAt = due;
            pending.add(r);
        }
    }

    /** A recipient's mutable state, guarded by its campaign's lock. */
    private static final class Rec {
        final long id;
        final long campaignId;
        final long leadId;
        RecipientStatus status = RecipientStatus.PENDING;
        int attempts;
        Instant nextAttemptAt;
        String owner;
        Instant leaseUntil;
        String correlationId;
        String providerMessageId;
        Instant sentAt;
        Instant deliveredAt;
        Instant readAt;
        Instant repliedAt;
        String errorCode;
        String errorMessage;
        boolean retryable;
        SkipReason skipReason;
        Instant updatedAt;
        InDoubtResolution resolution;

        Rec(long id, long campaignId, long leadId, Instant now) {
            this.id = id;
            this.campaignId = campaignId;
            this.leadId = leadId;
            this.nextAttemptAt = now;
            this.updatedAt = now;
        }

        CampaignRecipient snapshot() {
            return new CampaignRecipient(id, campaignId, leadId, status, attempts, nextAttemptAt, owner, leaseUntil,
                    correlationId, providerMessageId, sentAt, deliveredAt, readAt, repliedAt, errorCode, errorMessage, retryable,
                    skipReason, updatedAt, resolution);
        }
    }
}
