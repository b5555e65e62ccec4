package io.leadreach.campaign;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Campaigns and their recipients: the engine's durable state.
 *
 * <h2>The recipient protocol</h2>
 * A runner sends to a recipient in this order, and every step is a conditional, atomic update, so
 * that no recipient is ever sent twice, across crashes and nodes:
 * <ol>
 *   <li>{@link #claim}: PENDING recipients due by {@code now} become CLAIMED by {@code owner} until
 *       {@code leaseUntil}. Two concurrent claims never return the same recipient.</li>
 *   <li>Then one of: {@link #markSending} (CLAIMED by this owner → SENDING, one more attempt, the
 *       attempt's correlation id recorded) — only after it returns true may the message be handed
 *       to the transport; {@link #release} (back to PENDING, due later, no attempt counted); or
 *       {@link #skip} (SKIPPED with a reason).</li>
 *   <li>{@link #settle} by correlation id: SENDING (or IN_DOUBT) → SENT, PENDING for a retry,
 *       FAILED, or IN_DOUBT. It applies only while the recipient is still SENDING or IN_DOUBT with
 *       that correlation id, so a stale runner can never overwrite a newer outcome.</li>
 * </ol>
 * {@link #expireLeases} returns CLAIMED recipients whose lease lapsed to PENDING (nothing was sent)
 * and moves SENDING ones whose lease lapsed to IN_DOUBT (something may have been sent).
 *
 * <h2>Counters</h2>
 * {@link #counts} reads every status count at one moment; the counts add up to the number of
 * recipients. Implementations must not load every recipient to answer.
 *
 * <p>Implementations are thread-safe. The contract suite {@code CampaignStoreContract} in core's
 * test-jar checks all of this.
 */
public interface CampaignStore {

    /** Stores a new campaign (id 0), assigning its id. */
    Campaign create(Campaign campaign);

    Optional<Campaign> find(long id);

    /** Campaigns in these statuses (all when empty), newest first. */
    List<Campaign> list(Set<CampaignStatus> statuses);

    /**
     * Moves the campaign from {@code from} to {@code to} if it is still in {@code from} (compare
     * and set), stamping times as {@link Campaign#withStatus} does. Returns the updated campaign,
     * or empty when it was not in {@code from}.
     */
    Optional<Campaign> transition(long id, CampaignStatus from, CampaignStatus to, Instant at, String reason);

    /** Records materialisation progress: leads up to {@code upToLeadId} added, and whether all are. */
    void recordMaterialized(long id, long upToLeadId, boolean done);

    /**
     * Adds PENDING recipients for these leads, due at {@code now}; leads already recipients of the
     * campaign are ignored (idempotent). Returns how many were added.
     */
    int addRecipients(long campaignId, Collection<Long> leadIds, Instant now);

    /** Claims up to {@code limit} due PENDING recipients, oldest due first. */
    List<CampaignRecipient> claim(long campaignId, String owner, Instant now, Instant leaseUntil, int limit);

    /** CLAIMED by {@code owner} → SENDING with one more attempt; false if it is no longer so claimed. */
    boolean markSending(long recipientId, String owner, String correlationId, Instant now);

    /**
     * {@link #markSending} for several recipients at once: each recipient (the key) CLAIMED by
     * {@code owner} → SENDING with one more attempt and its correlation id (the value). Returns the
     * ids of the recipients it marked; the others are no longer so claimed and were left alone. A
     * store that can marks them in one statement; the guarantees are those of {@code markSending}
     * for each recipient. Unlike {@code markSending}, it may be called again with the same
     * arguments after a failure whose outcome is unknown (a lost connection): a recipient already
     * SENDING for this owner with the correlation id given for it counts as marked, with no
     * further attempt (correlation ids are fresh for each attempt, so it was this call that marked it).
     */
    default Set<Long> markSendingAll(Map<Long, String> correlationIds, String owner, Instant now) {
        Set<Long> marked = new LinkedHashSet<>();
        correlationIds.forEach((id, correlationId) -> {
            if (markSending(id, owner, correlationId, now)) {
                marked.add(id);
            } else {
                findRecipient(id).filter(r -> r.status() == RecipientStatus.SENDING && owner.equals(r.owner())
                        && correlationId.equals(r.correlationId())).ifPresent(r -> marked.add(id));
            }
        });
        return marked;
    }

    /** CLAIMED by {@code owner} → PENDING, due at {@code nextAttemptAt}; false if no longer so claimed. */
    boolean release(long recipientId, String owner, Instant nextAttemptAt);

    /** CLAIMED by {@code owner} → SKIPPED with the reason; false if no longer so claimed. */
    boolean skip(long recipientId, String owner, SkipReason reason, Instant now);

    /**
     * Settles the send attempt with this correlation id, if the recipient is SENDING with it, or
     * IN_DOUBT with it and the settlement is {@link Settlement.Sent} or {@link Settlement.Failed}.
     * Returns the updated recipient, or empty when nothing changed.
     */
    Optional<CampaignRecipient> settle(String correlationId, Settlement settlement, Instant now);

    /**
     * {@link #settle} for several attempts at once, keyed by correlation id. Returns the
     * correlation ids of the attempts it settled; the others (unknown, already settled, or a stale
     * attempt of a recipient that has moved on) changed nothing. A store that can settles them in
     * a few statements; the guarantees are those of {@code settle} for each attempt.
     */
    default Set<String> settleAll(Map<String, Settlement> settlements, Instant now) {
        Set<String> settled = new LinkedHashSet<>();
        settlements.forEach((correlationId, settlement) -> {
            if (settle(correlationId, settlement, now).isPresent()) {
                settled.add(correlationId);
            }
        });
        return settled;
    }

    /**
     * Moves a sent recipient forward to DELIVERED or READ (or FAILED after SENT), monotonically;
     * false when unknown or not a forward move.
     */
    boolean advance(String correlationId, RecipientStatus status, Instant at, String errorCode, String errorMessage);

    /**
     * Records that the lead replied to the message of the attempt with this correlation id: sets
     * the recipient's {@code repliedAt} if it has none yet (the first reply counts) and counts it
     * for {@link #countReplied}. False when unknown or already replied (idempotent).
     */
    boolean recordReply(String correlationId, Instant at);

    /** How many of the campaign's recipients replied, read without loading every recipient. */
    long countReplied(long campaignId);

    /**
     * How many of the campaign's recipients FAILED after the provider had accepted their message
     * (they have a send time): with {@link CampaignCounters#sent()}, the base of the campaign's
     * rates, as {@link io.leadreach.analytics.DeliveryCounting} defines it. The default pages
     * through {@link #recipients}; a store that can answers in one query.
     */
    default long countFailedAfterAcceptance(long campaignId) {
        long n = 0;
        long after = 0;
        while (true) {
            List<CampaignRecipient> page = recipients(campaignId, after, 1_000);
            for (CampaignRecipient r : page) {
                if (r.status() == RecipientStatus.FAILED && r.sentAt() != null) {
                    n++;
                }
            }
            if (page.size() < 1_000) {
                return n;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /**
     * Lets an IN_DOUBT recipient out, if it is still IN_DOUBT (conditional, atomic), recording the
     * resolution on it: {@link InDoubtResolution.Kind#TREAT_AS_SENT} and
     * {@link InDoubtResolution.Kind#SENT_UNCONFIRMED} → SENT (sent at the resolution's time, no
     * provider id, the correlation id kept so a late status webhook still applies);
     * {@link InDoubtResolution.Kind#SEND_AGAIN} → PENDING, due at the resolution's time. Returns
     * the updated recipient, or empty when it is unknown or no longer IN_DOUBT (a webhook settled
     * it, or another operator resolved it first). The default throws: a store that cannot resolve
     * doubts says so.
     */
    default Optional<CampaignRecipient> resolveInDoubt(long recipientId, InDoubtResolution resolution) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resolve recipients in doubt");
    }

    /**
     * Recipients of any campaign held IN_DOUBT since before {@code heldBefore} (their last change),
     * with ids above {@code afterId}, ascending, at most {@code limit}: what the automatic
     * reconciliation takes. The default pages through every campaign; a store that can answers
     * with one query.
     */
    default List<CampaignRecipient> inDoubtSince(Instant heldBefore, long afterId, int limit) {
        List<CampaignRecipient> out = new java.util.ArrayList<>();
        for (Campaign c : list(Set.of())) {
            long after = afterId;
            while (true) {
                List<CampaignRecipient> page = recipients(c.id(), Set.of(RecipientStatus.IN_DOUBT), after, 500);
                for (CampaignRecipient r : page) {
                    if (r.updatedAt() != null && r.updatedAt().isBefore(heldBefore)) {
                        out.add(r);
                    }
                }
                if (page.size() < 500) {
                    break;
                }
                after = page.get(page.size() - 1).id();
            }
        }
        out.sort(java.util.Comparator.comparingLong(CampaignRecipient::id));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** Lapsed CLAIMED → PENDING, lapsed SENDING → IN_DOUBT. Returns how many moved. */
    int expireLeases(long campaignId, Instant now);

    /** PENDING and CLAIMED → CANCELLED. Returns how many. */
    int cancelOpen(long campaignId, Instant now);

    /** FAILED recipients whose failure is retryable → PENDING, due now, attempts reset. Returns how many. */
    int requeueRetryableFailures(long campaignId, Instant now);

    /** Counts by status, read at one moment. */
    CampaignCounters counts(long campaignId);

    /**
     * How many recipients are still open ({@link CampaignCounters#open()}: PENDING, CLAIMED or
     * SENDING) over every campaign in one of these statuses (all when empty): the engine's queue depth, read at
     * each metrics scrape. The default counts campaign by campaign; a store that can answers in
     * one query.
     */
    default long countOpen(Set<CampaignStatus> campaignStatuses) {
        long n = 0;
        for (Campaign c : list(campaignStatuses)) {
            n += counts(c.id()).open();
        }
        return n;
    }

    /** The earliest due time among PENDING recipients, if any. */
    Optional<Instant> nextDueAt(long campaignId);

    Optional<CampaignRecipient> findRecipient(long recipientId);

    Optional<CampaignRecipient> findRecipientByCorrelationId(String correlationId);

    /**
     * One {@link #advance} call's arguments.
     *
     * @param correlationId the attempt's correlation id
     * @param status        DELIVERED, READ or FAILED
     * @param at            when
     * @param errorCode     the error code of a FAILED report, else null
     * @param errorMessage  its message
     */
    record Advance(String correlationId, RecipientStatus status, Instant at, String errorCode, String errorMessage) {
    }

    /**
     * The recipients of these correlation ids, by correlation id; unknown ids are absent. As
     * {@link #findRecipientByCorrelationId} for each (the default calls it for each); a store that
     * can reads them in one transaction.
     */
    default Map<String, CampaignRecipient> findRecipientsByCorrelationIds(Collection<String> correlationIds) {
        return io.leadreach.internal.Batches.findEach(correlationIds, this::findRecipientByCorrelationId);
    }

    /**
     * Applies each move as {@link #advance} does, in list order (a repeat or a move that is not
     * forward by then changes nothing), and says for each whether it changed anything. The default
     * calls {@link #advance} for each; a store that can applies them in one transaction.
     */
    default List<Boolean> advanceAll(List<Advance> moves) {
        return io.leadreach.internal.Batches.applyEach(moves,
                a -> advance(a.correlationId(), a.status(), a.at(), a.errorCode(), a.errorMessage()));
    }

    /** The campaign's recipients with ids above {@code afterId}, ascending, at most {@code limit}. */
    List<CampaignRecipient> recipients(long campaignId, long afterId, int limit);

    /**
     * The campaign's recipients in one of {@code statuses} (all when empty) with ids above
     * {@code afterId}, ascending, at most {@code limit}: a keyset page, for reports and consoles.
     * The default reads {@link #recipients(long, long, int)} page by page and filters; a store that
     * can answers with one query.
     */
    default List<CampaignRecipient> recipients(long campaignId, Set<RecipientStatus> statuses, long afterId, int limit) {
        if (statuses == null || statuses.isEmpty()) {
            return recipients(campaignId, afterId, limit);
        }
        List<CampaignRecipient> out = new java.util.ArrayList<>(Math.min(limit, 1_000));
        long after = afterId;
        int chunk = Math.max(limit, 500);
        while (out.size() < limit) {
            List<CampaignRecipient> page = recipients(campaignId, after, chunk);
            for (CampaignRecipient r : page) {
                if (statuses.contains(r.status())) {
                    out.add(r);
                    if (out.size() == limit) {
                        break;
                    }
                }
            }
            if (page.size() < chunk) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        return out;
    }
}
