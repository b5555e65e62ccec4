package io.leadreach.jpa;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.InDoubtResolution;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.Settlement;
import io.leadreach.campaign.SkipReason;
import io.leadreach.jpa.internal.CampaignEntity;
import io.leadreach.jpa.internal.Dialect;
import io.leadreach.jpa.internal.Parameters;
import io.leadreach.jpa.internal.RecipientEntity;
import io.leadreach.jpa.internal.Tx;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link CampaignStore} on Jakarta Persistence, over {@code lead_whatsapp_campaigns} and
 * {@code lead_whatsapp_campaign_leads}.
 *
 * <h2>How the recipient protocol is kept</h2>
 * <ul>
 *   <li>{@link #claim} reads the due PENDING recipients with a pessimistic write lock and the lock
 *       timeout hint {@value #SKIP_LOCKED_HINT} = -2, which Hibernate turns into
 *       {@code SELECT ... FOR NO KEY UPDATE SKIP LOCKED} on PostgreSQL and
 *       {@code SELECT ... FOR UPDATE SKIP LOCKED} on MariaDB 10.6+; concurrent claimers pass over
 *       each other's rows instead of waiting. (On H2 claimers wait instead, see
 *       {@link Dialect#H2}.) The rows are then marked CLAIMED with the owner and lease by one
 *       conditional update ({@code WHERE status = 'PENDING'}) in the same short transaction, and
 *       only the rows it really moved are returned.</li>
 *   <li>Every later step ({@code markSending}, {@code release}, {@code skip}, {@code settle},
 *       {@code advance}, {@code expireLeases}, {@code cancelOpen}, {@code requeueRetryableFailures})
 *       is one conditional bulk {@code UPDATE ... WHERE status = :expected [AND owner = :owner |
 *       AND correlation_id = :id]}, so a stale runner can never overwrite a newer outcome.</li>
 *   <li>{@link #counts} is one {@code GROUP BY status} query: a single statement sees one
 *       snapshot, so the counts add up.</li>
 *   <li>{@link #transition} is a compare-and-set update on the campaign's status.</li>
 * </ul>
 *
 * <h2>Transactions</h2>
 * Every call runs in its own short resource-local transaction on a fresh {@code EntityManager} of
 * the factory it was built with; it never joins a transaction of the caller. A transaction the
 * database aborts to settle a race (deadlock, serialization failure) is run again, up to five
 * times. The factory must be {@code RESOURCE_LOCAL} and know the library's entities
 * ({@link LeadReachJpa#entityClasses()}). On MariaDB/MySQL, READ COMMITTED isolation is
 * recommended (it avoids gap locks between concurrent claimers); the contract suite passes at the
 * default REPEATABLE READ too.
 *
 * <p>Times are stored with microsecond precision.
 */
public final class JpaCampaignStore implements CampaignStore {

    /** The Jakarta Persistence lock timeout hint; -2 asks for SKIP LOCKED. */
    public static final String SKIP_LOCKED_HINT = "jakarta.persistence.lock.timeout";

    private static final int SKIP_LOCKED = -2;
    private static final int INSERT_CHUNK = 500;
    private static final String R = "LeadWhatsAppCampaignLead";
    private static final String C = "LeadWhatsAppCampaign";
    private static final String RELEASE_CLAIM = ", r.owner = null, r.leaseUntil = null";

    private final Tx tx;
    private volatile Dialect dialect;

    /** A store over this factory, which must map the library's entities. */
    public JpaCampaignStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    private Dialect dialect(EntityManager em) {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.of(em);
            dialect = d;
        }
        return d;
    }

    // ------------------------------------------------------------------ campaigns

    @Override
    public Campaign create(Campaign campaign) {
        if (campaign.id() != 0) {
            throw new IllegalArgumentException("a new campaign has id 0, got " + campaign.id());
        }
        long id = tx.call(em -> {
            CampaignEntity e = CampaignEntity.of(campaign);
            em.persist(e);
            em.flush();
            return e.id();
        });
        return campaign.withId(id);
    }

    @Override
    public Optional<Campaign> find(long id) {
        return tx.call(em -> Optional.ofNullable(em.find(CampaignEntity.class, id)).map(CampaignEntity::toCampaign));
    }

    @Override
    public List<Campaign> list(Set<CampaignStatus> statuses) {
        return tx.call(em -> {
            List<CampaignEntity> rows = statuses.isEmpty()
                    ? em.createQuery("select c from " + C + " c order by c.id desc", CampaignEntity.class)
                            .getResultList()
                    : em.createQuery("select c from " + C + " c where c.status in :s order by c.id desc",
                            CampaignEntity.class).setParameter("s", statuses).getResultList();
            return rows.stream().map(CampaignEntity::toCampaign).toList();
        });
    }

    @Override
    public Optional<Campaign> transition(long id, CampaignStatus from, CampaignStatus to, Instant at, String reason) {
        String times;
        if (to == CampaignStatus.ACTIVE) {
            times = ", c.startedAt = coalesce(c.startedAt, :at), c.completedAt = null";
        } else if (to == CampaignStatus.COMPLETED || to == CampaignStatus.CANCELLED) {
            times = ", c.completedAt = :at";
        } else {
            times = "";
        }
        return tx.call(em -> {
            Query q = em.createQuery("update " + C + " c set c.status = :to, c.statusReason = :reason" + times
                    + " where c.id = :id and c.status = :from")
                    .setParameter("to", to).setParameter("reason", reason)
                    .setParameter("id", id).setParameter("from", from);
            if (!times.isEmpty()) {
                q.setParameter("at", at);
            }
            if (q.executeUpdate() == 0) {
                return Optional.empty();
            }
            return Optional.of(em.find(CampaignEntity.class, id).toCampaign());
        });
    }

    @Override
    public void recordMaterialized(long id, long upToLeadId, boolean done) {
        tx.call(em -> em.createQuery("update " + C + " c set c.materialized = :done, c.materializedUpTo ="
                        + " case when c.materializedUpTo < :up then :up else c.materializedUpTo end where c.id = :id")
                .setParameter("done", done).setParameter("up", upToLeadId).setParameter("id", id)
                .executeUpdate());
    }

    // ------------------------------------------------------------------ recipients

    @Override
    public int addRecipients(long campaignId, Collection<Long> leadIds, Instant now) {
        List<Long> unique = new ArrayList<>(new LinkedHashSet<>(leadIds));
        int added = 0;
        for (int from = 0; from < unique.size(); from += INSERT_CHUNK) {
            added += addChunk(campaignId, unique.subList(from, Math.min(unique.size(), from + INSERT_CHUNK)), now);
        }
        return added;
    }

    /**
     * Inserts the leads of one chunk that are not recipients yet; a lead a concurrent adder inserted
     * first is skipped, not counted. A constraint violation all the same (another constraint) is retried.
     */
    private int addChunk(long campaignId, List<Long> leadIds, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.call(em -> insertMissing(em, campaignId, leadIds, now));
            } catch (PersistenceException e) {
                if (attempt >= 3 || !Tx.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private int insertMissing(EntityManager em, long campaignId, List<Long> leadIds, Instant now) {
        Set<Long> missing = new LinkedHashSet<>(leadIds);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long id : leadIds) {
            min = Math.min(min, id);
            max = Math.max(max, id);
        }
        // Usually none of a page is there yet (pages come in lead id order): one cheap range check
        // then spares the lookup of each lead.
        boolean anyThere = em.createQuery("select count(r) from " + R + " r where r.campaignId = :c"
                + " and r.leadId between :min and :max", Long.class)
                .setParameter("c", campaignId).setParameter("min", min).setParameter("max", max)
                .getSingleResult() > 0;
        if (anyThere) {
            missing.removeAll(em.createQuery("select r.leadId from " + R + " r where r.campaignId = :c"
                    + " and r.leadId in :ids", Long.class)
                    .setParameter("c", campaignId).setParameter("ids", leadIds).getResultList());
        }
        if (missing.isEmpty()) {
            return 0;
        }
        // In lead id order, as every adder inserts: concurrent adders of the same leads wait for each other, never deadlock.
        List<Long> rows = missing.stream().sorted().toList();
        return tx.insertSkippingDuplicates(em, "lead_whatsapp_campaign_leads", "campaign_id, lead_id, status, attempts,"
                + " next_attempt_at, retryable, created_at, updated_at", "(?, ?, 'PENDING', 0, ?, FALSE, ?, ?)", rows,
                (p, leadId) -> {
                    p.number(campaignId).number(leadId).instant(now).instant(now).instant(now);
                    return true;
                });
    }

    @Override
    public List<CampaignRecipient> claim(long campaignId, String owner, Instant now, Instant leaseUntil, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return tx.call(em -> {
            TypedQuery<RecipientEntity> select = em.createQuery("select r from " + R + " r where r.campaignId = :c"
                    + " and r.status = :pending and r.nextAttemptAt <= :now order by r.nextAttemptAt, r.id",
                    RecipientEntity.class)
                    .setParameter("c", campaignId).setParameter("pending", RecipientStatus.PENDING)
                    .setParameter("now", now)
                    .setMaxResults(limit)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE);
            if (dialect(em).skipLocked()) {
                select.setHint(SKIP_LOCKED_HINT, SKIP_LOCKED);
            }
            List<RecipientEntity> due = select.getResultList();
            if (due.isEmpty()) {
                return List.of();
            }
            List<Long> ids = due.stream().map(RecipientEntity::id).toList();
            int claimed = em.createQuery("update " + R + " r set r.status = :claimed, r.owner = :owner,"
                    + " r.leaseUntil = :lease, r.updatedAt = :now where r.id in :ids and r.status = :pending")
                    .setParameter("claimed", RecipientStatus.CLAIMED).setParameter("owner", owner)
                    .setParameter("lease", leaseUntil).setParameter("now", now).setParameter("ids", ids)
                    .setParameter("pending", RecipientStatus.PENDING)
                    .executeUpdate();
            if (claimed == ids.size()) {
                List<CampaignRecipient> out = new ArrayList<>(due.size());
                for (RecipientEntity e : due) {
                    CampaignRecipient r = e.toRecipient();
                    out.add(new CampaignRecipient(r.id(), r.campaignId(), r.leadId(), RecipientStatus.CLAIMED,
                            r.attempts(), r.nextAttemptAt(), owner, leaseUntil, r.correlationId(),
                            r.providerMessageId(), r.sentAt(), r.deliveredAt(), r.readAt(), r.repliedAt(), r.errorCode(),
                            r.errorMessage(), r.retryable(), r.skipReason(), now));
                }
                return out;
            }
            // A database that locked without skipping handed us rows another claimer took first:
            // return only the rows this transaction really claimed.
            em.clear();
            return em.createQuery("select r from " + R + " r where r.id in :ids and r.status = :claimed"
                    + " and r.owner = :owner and r.leaseUntil = :lease order by r.nextAttemptAt, r.id",
                    RecipientEntity.class)
                    .setParameter("ids", ids).setParameter("claimed", RecipientStatus.CLAIMED)
                    .setParameter("owner", owner).setParameter("lease", leaseUntil)
                    .getResultList().stream().map(RecipientEntity::toRecipient).toList();
        });
    }

    @Override
    public boolean markSending(long recipientId, String owner, String correlationId, Instant now) {
        return update("update " + R + " r set r.status = :to, r.attempts = r.attempts + 1,"
                + " r.correlationId = :corr, r.updatedAt = :now"
                + " where r.id = :id and r.status = :from and r.owner = :owner",
                Map.of("to", RecipientStatus.SENDING, "corr", correlationId, "now", now, "id", recipientId,
                        "from", RecipientStatus.CLAIMED, "owner", owner)) == 1;
    }

    @Override
    public boolean release(long recipientId, String owner, Instant nextAttemptAt) {
        return update("update " + R + " r set r.status = :to, r.nextAttemptAt = :next" + RELEASE_CLAIM
                + " where r.id = :id and r.status = :from and r.owner = :owner",
                Map.of("to", RecipientStatus.PENDING, "next", nextAttemptAt, "id", recipientId,
                        "from", RecipientStatus.CLAIMED, "owner", owner)) == 1;
    }

    @Override
    public boolean skip(long recipientId, String owner, SkipReason reason, Instant now) {
        return update("update " + R + " r set r.status = :to, r.skipReason = :reason, r.updatedAt = :now"
                + RELEASE_CLAIM + " where r.id = :id and r.status = :from and r.owner = :owner",
                Map.of("to", RecipientStatus.SKIPPED, "reason", reason, "now", now, "id", recipientId,
                        "from", RecipientStatus.CLAIMED, "owner", owner)) == 1;
    }

    @Override
    public Optional<CampaignRecipient> settle(String correlationId, Settlement settlement, Instant now) {
        return tx.call(em -> {
            if (settleOne(em, correlationId, settlement, now) == 0) {
                return Optional.empty();
            }
            return byCorrelationId(em, correlationId);
        });
    }

    /** The conditional update of {@link #settle}; returns how many rows it moved (0 or 1). */
    private static int settleOne(EntityManager em, String correlationId, Settlement settlement, Instant now) {
        Set<RecipientStatus> sendingOnly = Set.of(RecipientStatus.SENDING);
        Set<RecipientStatus> sendingOrInDoubt = Set.of(RecipientStatus.SENDING, RecipientStatus.IN_DOUBT);
        String where = " where r.correlationId = :corr and r.status in :from";
        Query q;
        if (settlement instanceof Settlement.Sent s) {
            q = em.createQuery("update " + R + " r set r.status = :to, r.providerMessageId = :provider,"
                    + " r.sentAt = :sentAt, r.errorCode = null, r.errorMessage = null, r.updatedAt = :now"
                    + RELEASE_CLAIM + where)
                    .setParameter("to", RecipientStatus.SENT).setParameter("provider", s.providerMessageId())
                    .setParameter("sentAt", s.at()).setParameter("from", sendingOrInDoubt);
        } else if (settlement instanceof Settlement.Failed s) {
            q = em.createQuery("update " + R + " r set r.status = :to, r.errorCode = :code,"
                    + " r.errorMessage = :message, r.retryable = :retryable, r.updatedAt = :now"
                    + RELEASE_CLAIM + where)
                    .setParameter("to", RecipientStatus.FAILED).setParameter("code", s.errorCode())
                    .setParameter("message", s.errorMessage()).setParameter("retryable", s.retryable())
                    .setParameter("from", sendingOrInDoubt);
        } else if (settlement instanceof Settlement.Retry s) {
            q = em.createQuery("update " + R + " r set r.status = :to, r.nextAttemptAt = :next,"
                    + " r.errorCode = :code, r.errorMessage = :message, r.updatedAt = :now" + RELEASE_CLAIM + where)
                    .setParameter("to", RecipientStatus.PENDING).setParameter("next", s.nextAttemptAt())
                    .setParameter("code", s.errorCode()).setParameter("message", s.errorMessage())
                    .setParameter("from", sendingOnly);
        } else {
            Settlement.InDoubt s = (Settlement.InDoubt) settlement;
            q = em.createQuery("update " + R + " r set r.status = :to, r.errorCode = 'IN_DOUBT',"
                    + " r.errorMessage = :message, r.updatedAt = :now" + RELEASE_CLAIM + where)
                    .setParameter("to", RecipientStatus.IN_DOUBT).setParameter("message", s.reason())
                    .setParameter("from", sendingOnly);
        }
        return q.setParameter("corr", correlationId).setParameter("now", now).executeUpdate();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Two statements in one transaction: the owner's recipients among these are locked
     * ({@code SELECT ... FOR UPDATE}), then the CLAIMED ones are moved by one {@code UPDATE ... SET
     * correlation_id = CASE id WHEN ... END WHERE id IN (...)}.
     */
    @Override
    public Set<Long> markSendingAll(Map<Long, String> correlationIds, String owner, Instant now) {
        if (correlationIds.isEmpty()) {
            return Set.of();
        }
        return tx.call(em -> {
            StringBuilder select = new StringBuilder("SELECT id, status, correlation_id FROM lead_whatsapp_campaign_leads"
                    + " WHERE status IN ('CLAIMED', 'SENDING') AND owner = ?1 AND id IN (");
            appendPlaceholders(select, 2, correlationIds.size());
            Query locking = em.createNativeQuery(select.append(") ORDER BY id FOR UPDATE").toString())
                    .setParameter(1, owner);
            int p = 2;
            for (Long id : correlationIds.keySet()) {
                locking.setParameter(p++, id);
            }
            List<Long> ids = new ArrayList<>();
            Set<Long> marked = new LinkedHashSet<>();
            for (Object o : locking.getResultList()) {
                Object[] row = (Object[]) o;
                long id = ((Number) row[0]).longValue();
                if (RecipientStatus.CLAIMED.name().equals(row[1])) {
                    ids.add(id);
                    marked.add(id);
                } else if (correlationIds.get(id).equals(row[2])) {
                    marked.add(id); // marked by an earlier try of this same call whose answer was lost
                }
            }
            if (ids.isEmpty()) {
                return marked;
            }
            StringBuilder sql = new StringBuilder("UPDATE lead_whatsapp_campaign_leads SET status = 'SENDING',"
                    + " attempts = attempts + 1, updated_at = ?1, correlation_id = CASE id");
            p = 2;
            for (int i = 0; i < ids.size(); i++) {
                sql.append(" WHEN ?").append(p++).append(" THEN ?").append(p++);
            }
            sql.append(" END WHERE status = 'CLAIMED' AND id IN (");
            appendPlaceholders(sql, p, ids.size());
            Query q = em.createNativeQuery(sql.append(')').toString()).setParameter(1, now);
            p = 2;
            for (Long id : ids) {
                q.setParameter(p++, id).setParameter(p++, correlationIds.get(id));
            }
            for (Long id : ids) {
                q.setParameter(p++, id);
            }
            if (q.executeUpdate() != ids.size()) {
                throw new IllegalStateException("recipients locked for marking changed under the lock");
            }
            return marked;
        });
    }

    private static void appendPlaceholders(StringBuilder sql, int first, int count) {
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ", ?").append(first + i);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>In one transaction: the recipients SENDING or IN_DOUBT with these correlation ids are read
     * with a write lock (so a concurrent settle of the same attempt waits and then finds it
     * settled), those the settlement may move are picked as {@link #settle} would, the
     * {@link Settlement.Sent} ones move in one {@code UPDATE ... CASE} statement and the rest one by
     * one through {@code settle}'s conditional update.
     */
    @Override
    public Set<String> settleAll(Map<String, Settlement> settlements, Instant now) {
        if (settlements.isEmpty()) {
            return Set.of();
        }
        return tx.call(em -> {
            List<String> corrs = new ArrayList<>(settlements.keySet());
            StringBuilder select = new StringBuilder("SELECT id, correlation_id, status FROM lead_whatsapp_campaign_leads"
                    + " WHERE status IN ('SENDING', 'IN_DOUBT') AND correlation_id IN (");
            appendPlaceholders(select, 1, corrs.size());
            Query locking = em.createNativeQuery(select.append(") ORDER BY id FOR UPDATE").toString());
            for (int i = 0; i < corrs.size(); i++) {
                locking.setParameter(i + 1, corrs.get(i));
            }
            Set<String> settled = new LinkedHashSet<>();
            Map<Long, Settlement.Sent> sent = new LinkedHashMap<>();
            for (Object o : locking.getResultList()) {
                Object[] row = (Object[]) o;
                long id = ((Number) row[0]).longValue();
                String correlationId = (String) row[1];
                boolean inDoubt = RecipientStatus.IN_DOUBT.name().equals(row[2]);
                Settlement s = settlements.get(correlationId);
                boolean finalOutcome = s instanceof Settlement.Sent || s instanceof Settlement.Failed;
                if (s == null || (inDoubt && !finalOutcome)) {
                    continue;
                }
                if (s instanceof Settlement.Sent ok) {
                    sent.put(id, ok);
                    settled.add(correlationId);
                } else if (settleOne(em, correlationId, s, now) == 1) {
                    settled.add(correlationId);
                }
            }
            if (!sent.isEmpty() && settleSent(em, sent, now) != sent.size()) {
                throw new IllegalStateException("recipients locked for settling changed under the lock");
            }
            return settled;
        });
    }

    /**
     * SENDING or IN_DOUBT → SENT for these recipients (locked by the caller): one statement per
     * distinct send time (the engine settles a batch at one time), the provider ids by {@code CASE}.
     */
    private static int settleSent(EntityManager em, Map<Long, Settlement.Sent> sent, Instant now) {
        Map<Instant, List<Long>> byTime = new LinkedHashMap<>();
        sent.forEach((id, s) -> byTime.computeIfAbsent(s.at(), at -> new ArrayList<>()).add(id));
        int moved = 0;
        for (Map.Entry<Instant, List<Long>> group : byTime.entrySet()) {
            List<Long> ids = group.getValue();
            StringBuilder sql = new StringBuilder("UPDATE lead_whatsapp_campaign_leads SET status = 'SENT',"
                    + " error_code = NULL, error_message = NULL, owner = NULL, lease_until = NULL, updated_at = ?1,"
                    + " sent_at = ?2, provider_message_id = CASE id");
            int p = 3;
            for (int i = 0; i < ids.size(); i++) {
                sql.append(" WHEN ?").append(p++).append(" THEN ?").append(p++);
            }
            sql.append(" END WHERE status IN ('SENDING', 'IN_DOUBT') AND id IN (");
            appendPlaceholders(sql, p, ids.size());
            Query q = em.createNativeQuery(sql.append(')').toString())
                    .setParameter(1, now).setParameter(2, group.getKey());
            p = 3;
            for (Long id : ids) {
                q.setParameter(p++, id).setParameter(p++, sent.get(id).providerMessageId());
            }
            for (Long id : ids) {
                q.setParameter(p++, id);
            }
            moved += q.executeUpdate();
        }
        return moved;
    }

    /** {@inheritDoc} One conditional update ({@code WHERE status = 'IN_DOUBT'}). */
    @Override
    public Optional<CampaignRecipient> resolveInDoubt(long recipientId, InDoubtResolution resolution) {
        String set = resolution.kind() == InDoubtResolution.Kind.SEND_AGAIN
                ? "r.status = :to, r.nextAttemptAt = :at"
                : "r.status = :to, r.sentAt = :at, r.errorCode = null, r.errorMessage = null";
        RecipientStatus to = resolution.kind() == InDoubtResolution.Kind.SEND_AGAIN
                ? RecipientStatus.PENDING : RecipientStatus.SENT;
        return tx.call(em -> {
            int moved = em.createQuery("update " + R + " r set " + set + ", r.resolution = :kind,"
                            + " r.resolvedBy = :by, r.resolvedAt = :at, r.updatedAt = :at" + RELEASE_CLAIM
                            + " where r.id = :id and r.status = :from")
                    .setParameter("to", to).setParameter("at", resolution.at())
                    .setParameter("kind", resolution.kind()).setParameter("by", resolution.actor())
                    .setParameter("id", recipientId).setParameter("from", RecipientStatus.IN_DOUBT)
                    .executeUpdate();
            if (moved == 0) {
                return Optional.<CampaignRecipient>empty();
            }
            RecipientEntity e = em.find(RecipientEntity.class, recipientId);
            em.refresh(e);
            return Optional.of(e.toRecipient());
        });
    }

    @Override
    public boolean advance(String correlationId, RecipientStatus status, Instant at, String errorCode,
                           String errorMessage) {
        return tx.call(em -> advance(em, new Advance(correlationId, status, at, errorCode, errorMessage)));
    }

    /**
     * {@inheritDoc} One transaction and one JDBC batch: each move's conditional update (the same
     * as {@link #advance}'s, as one statement for every status), those of one recipient in list
     * order, the recipients in correlation-id order (concurrent batches lock rows in the same order).
     */
    @Override
    public List<Boolean> advanceAll(List<Advance> moves) {
        return tx.updateAllInKeyOrder(moves, Advance::correlationId, ADVANCE_SQL, JpaCampaignStore::bindAdvance);
    }

    /**
     * {@link #advance}'s update for any status: the status, the update time and, switched on by
     * the status, its time or the failure's error (no longer retryable); the {@code IN} list holds
     * the statuses that may move to the new one, the first repeated when there is one.
     */
    private static final String ADVANCE_SQL = "UPDATE lead_whatsapp_campaign_leads SET status = ?, updated_at = ?,"
            + " delivered_at = CASE WHEN ? = 1 THEN ? ELSE delivered_at END,"
            + " read_at = CASE WHEN ? = 1 THEN ? ELSE read_at END,"
            + " error_code = CASE WHEN ? = 1 THEN ? ELSE error_code END,"
            + " error_message = CASE WHEN ? = 1 THEN ? ELSE error_message END,"
            + " retryable = CASE WHEN ? = 1 THEN FALSE ELSE retryable END"
            + " WHERE correlation_id = ? AND status IN (?, ?)";

    private static boolean bindAdvance(Parameters p, Advance a) throws java.sql.SQLException {
        List<RecipientStatus> from = List.copyOf(fromStatuses(a.status()));
        if (from.isEmpty()) {
            return false;
        }
        boolean failed = a.status() == RecipientStatus.FAILED;
        p.name(a.status()).instant(a.at())
                .flag(a.status() == RecipientStatus.DELIVERED).instant(a.at())
                .flag(a.status() == RecipientStatus.READ).instant(a.at())
                .flag(failed).string(a.errorCode())
                .flag(failed).string(a.errorMessage())
                .flag(failed)
                .string(a.correlationId())
                .name(from.get(0)).name(from.get(from.size() - 1));
        return true;
    }

    /** The statuses a delivery report may move a recipient from to {@code status}. */
    private static Set<RecipientStatus> fromStatuses(RecipientStatus status) {
        return switch (status) {
            case DELIVERED -> Set.of(RecipientStatus.SENT);
            case READ, FAILED -> java.util.EnumSet.of(RecipientStatus.SENT, RecipientStatus.DELIVERED);
            default -> Set.of();
        };
    }

    /** {@inheritDoc} One transaction: one {@code IN} query per {@value Tx#IN_LIST_CHUNK} ids. */
    @Override
    public Map<String, CampaignRecipient> findRecipientsByCorrelationIds(Collection<String> correlationIds) {
        return tx.findAllIn(correlationIds, "select r from " + R + " r where r.correlationId in :ids",
                RecipientEntity.class, RecipientEntity::toRecipient, CampaignRecipient::correlationId);
    }

    /** The one conditional update of a move: from the statuses that may move to the new one. */
    private static boolean advance(EntityManager em, Advance a) {
        Set<RecipientStatus> from = fromStatuses(a.status());
        if (from.isEmpty()) {
            return false;
        }
        String set = switch (a.status()) {
            case DELIVERED -> ", r.deliveredAt = :at";
            case READ -> ", r.readAt = :at";
            default -> ", r.errorCode = :code, r.errorMessage = :message, r.retryable = false";
        };
        Query q = em.createQuery("update " + R + " r set r.status = :to, r.updatedAt = :at" + set
                + " where r.correlationId = :corr and r.status in " + Tx.inList("from", from.size()))
                .setParameter("to", a.status()).setParameter("at", a.at()).setParameter("corr", a.correlationId());
        Tx.bindInList(q, "from", from);
        if (a.status() == RecipientStatus.FAILED) {
            q.setParameter("code", a.errorCode()).setParameter("message", a.errorMessage());
        }
        return q.executeUpdate() == 1;
    }

    @Override
    public boolean recordReply(String correlationId, Instant at) {
        return update("update " + R + " r set r.repliedAt = :at where r.correlationId = :corr and r.repliedAt is null",
                Map.of("at", at, "corr", correlationId)) == 1;
    }

    @Override
    public long countReplied(long campaignId) {
        return tx.call(em -> em.createQuery("select count(r) from " + R + " r where r.campaignId = :c"
                + " and r.repliedAt is not null", Long.class).setParameter("c", campaignId).getSingleResult());
    }

    @Override
    public long countFailedAfterAcceptance(long campaignId) {
        return tx.call(em -> em.createQuery("select count(r) from " + R + " r where r.campaignId = :c"
                + " and r.status = :failed and r.sentAt is not null", Long.class).setParameter("c", campaignId)
                .setParameter("failed", RecipientStatus.FAILED).getSingleResult());
    }

    @Override
    public int expireLeases(long campaignId, Instant now) {
        return tx.call(em -> {
            int back = em.createQuery("update " + R + " r set r.status = :to, r.nextAttemptAt = :now,"
                    + " r.updatedAt = :now" + RELEASE_CLAIM
                    + " where r.campaignId = :c and r.status = :from and r.leaseUntil <= :now")
                    .setParameter("to", RecipientStatus.PENDING).setParameter("now", now)
                    .setParameter("c", campaignId).setParameter("from", RecipientStatus.CLAIMED)
                    .executeUpdate();
            int held = em.createQuery("update " + R + " r set r.status = :to, r.errorCode = 'IN_DOUBT',"
                    + " r.errorMessage = :message, r.updatedAt = :now" + RELEASE_CLAIM
                    + " where r.campaignId = :c and r.status = :from and r.leaseUntil <= :now")
                    .setParameter("to", RecipientStatus.IN_DOUBT)
                    .setParameter("message", "lease expired while sending; outcome unknown")
                    .setParameter("now", now).setParameter("c", campaignId)
                    .setParameter("from", RecipientStatus.SENDING)
                    .executeUpdate();
            return back + held;
        });
    }

    @Override
    public int cancelOpen(long campaignId, Instant now) {
        return update("update " + R + " r set r.status = :to, r.updatedAt = :now" + RELEASE_CLAIM
                + " where r.campaignId = :c and r.status in :from",
                Map.of("to", RecipientStatus.CANCELLED, "now", now, "c", campaignId,
                        "from", Set.of(RecipientStatus.PENDING, RecipientStatus.CLAIMED)));
    }

    @Override
    public int requeueRetryableFailures(long campaignId, Instant now) {
        return update("update " + R + " r set r.status = :to, r.attempts = 0, r.retryable = false,"
                + " r.nextAttemptAt = :now, r.updatedAt = :now" + RELEASE_CLAIM
                + " where r.campaignId = :c and r.status = :from and r.retryable = true",
                Map.of("to", RecipientStatus.PENDING, "now", now, "c", campaignId, "from", RecipientStatus.FAILED));
    }

    @Override
    public CampaignCounters counts(long campaignId) {
        return tx.call(em -> {
            Map<RecipientStatus, Long> byStatus = new EnumMap<>(RecipientStatus.class);
            for (Object[] row : em.createQuery("select r.status, count(r) from " + R + " r"
                    + " where r.campaignId = :c group by r.status", Object[].class)
                    .setParameter("c", campaignId).getResultList()) {
                byStatus.put((RecipientStatus) row[0], ((Number) row[1]).longValue());
            }
            return CampaignCounters.of(byStatus);
        });
    }

    /** {@inheritDoc} One {@code COUNT} over the recipients of the campaigns in those statuses. */
    @Override
    public long countOpen(Set<CampaignStatus> campaignStatuses) {
        boolean all = campaignStatuses.isEmpty();
        return tx.call(em -> {
            TypedQuery<Long> q = em.createQuery("select count(r) from " + R + " r where r.status in :open"
                    + (all ? "" : " and r.campaignId in (select c.id from " + C + " c where c.status in :statuses)"),
                    Long.class)
                    .setParameter("open", Set.of(RecipientStatus.PENDING, RecipientStatus.CLAIMED, RecipientStatus.SENDING));
            return (all ? q : q.setParameter("statuses", campaignStatuses)).getSingleResult();
        });
    }

    @Override
    public Optional<Instant> nextDueAt(long campaignId) {
        return tx.call(em -> Optional.ofNullable(em.createQuery("select min(r.nextAttemptAt) from " + R + " r"
                + " where r.campaignId = :c and r.status = :pending", Instant.class)
                .setParameter("c", campaignId).setParameter("pending", RecipientStatus.PENDING)
                .getSingleResult()));
    }

    @Override
    public Optional<CampaignRecipient> findRecipient(long recipientId) {
        return tx.call(em -> Optional.ofNullable(em.find(RecipientEntity.class, recipientId))
                .map(RecipientEntity::toRecipient));
    }

    @Override
    public Optional<CampaignRecipient> findRecipientByCorrelationId(String correlationId) {
        return tx.call(em -> byCorrelationId(em, correlationId));
    }

    @Override
    public List<CampaignRecipient> recipients(long campaignId, long afterId, int limit) {
        return tx.call(em -> em.createQuery("select r from " + R + " r where r.campaignId = :c and r.id > :after"
                + " order by r.id", RecipientEntity.class)
                .setParameter("c", campaignId).setParameter("after", afterId).setMaxResults(limit)
                .getResultList().stream().map(RecipientEntity::toRecipient).toList());
    }

    /** One query: the statuses as a condition beside the campaign and the keyset. */
    @Override
    public List<CampaignRecipient> recipients(long campaignId, Set<RecipientStatus> statuses, long afterId, int limit) {
        if (statuses == null || statuses.isEmpty()) {
            return recipients(campaignId, afterId, limit);
        }
        return tx.call(em -> em.createQuery("select r from " + R + " r where r.campaignId = :c and r.id > :after"
                + " and r.status in :statuses order by r.id", RecipientEntity.class)
                .setParameter("c", campaignId).setParameter("after", afterId).setParameter("statuses", statuses)
                .setMaxResults(limit)
                .getResultList().stream().map(RecipientEntity::toRecipient).toList());
    }

    private static Optional<CampaignRecipient> byCorrelationId(EntityManager em, String correlationId) {
        return em.createQuery("select r from " + R + " r where r.correlationId = :corr", RecipientEntity.class)
                .setParameter("corr", correlationId).getResultStream().findFirst().map(RecipientEntity::toRecipient);
    }

    private int update(String jpql, Map<String, Object> parameters) {
        return tx.call(em -> {
            Query q = em.createQuery(jpql);
            parameters.forEach(q::setParameter);
            return q.executeUpdate();
        });
    }
}
