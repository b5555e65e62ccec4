package io.leadreach.jpa;

import io.leadreach.DuplicateKeyException;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.jpa.internal.MessageEntity;
import io.leadreach.jpa.internal.Parameters;
import io.leadreach.jpa.internal.Tx;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link MessageStore} on Jakarta Persistence, over {@code lead_whatsapp_messages}. Correlation
 * ids and provider message ids are unique. {@link #advance} is one conditional update whose
 * {@code WHERE} names the statuses that may move to the new one, so it is atomic and monotonic.
 * Each call runs in its own short transaction, as {@link JpaCampaignStore} describes; {@link #advanceAll}
 * and {@link #findByProviderMessageIds} do their whole list in one.
 */
public final class JpaMessageStore implements MessageStore {

    private static final String M = "LeadWhatsAppMessage";
    private static final int INSERT_CHUNK = 200;
    private static final int INSERT_COLUMNS = 23;

    private final Tx tx;

    /** A store over this factory, which must map the library's entities. */
    public JpaMessageStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the message has an id this store does not hold
     * @throws DuplicateKeyException    when another message has its correlation or provider id
     */
    @Override
    public LeadMessage save(LeadMessage message) {
        try {
            return tx.call(em -> {
                if (message.id() == 0) {
                    MessageEntity e = MessageEntity.of(message);
                    em.persist(e);
                    em.flush();
                    return message.withId(e.id());
                }
                MessageEntity e = em.find(MessageEntity.class, message.id());
                if (e == null) {
                    throw new IllegalArgumentException("no message with id " + message.id());
                }
                e.copy(message);
                em.flush();
                return message;
            });
        } catch (PersistenceException e) {
            if (Tx.isConstraintViolation(e)) {
                throw new DuplicateKeyException("correlation id or provider message id", "another message has the"
                        + " correlation id '" + message.correlationId() + "' or provider message id '"
                        + message.providerMessageId() + "'", e);
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One multi-row {@code INSERT} per {@value #INSERT_CHUNK} messages, all in one transaction:
     * when one clashes with a stored correlation or provider id, none is stored.
     */
    @Override
    public void insertAll(List<LeadMessage> messages) {
        for (LeadMessage m : messages) {
            if (m.id() != 0) {
                throw new IllegalArgumentException("a new message has id 0, got " + m.id());
            }
        }
        if (messages.isEmpty()) {
            return;
        }
        try {
            tx.call(em -> {
                for (int from = 0; from < messages.size(); from += INSERT_CHUNK) {
                    insertChunk(em, messages.subList(from, Math.min(messages.size(), from + INSERT_CHUNK)));
                }
                return null;
            });
        } catch (PersistenceException e) {
            if (Tx.isConstraintViolation(e)) {
                throw new DuplicateKeyException("correlation id or provider message id", "one of " + messages.size()
                        + " messages has a correlation id or provider message id another message has", e);
            }
            throw e;
        }
    }

    private static void insertChunk(EntityManager em, List<LeadMessage> chunk) {
        StringBuilder sql = new StringBuilder("INSERT INTO lead_whatsapp_messages (lead_id, mobile, body,"
                + " attachment_id, attachment_filename, attachment_mime_type, attachment_size, attachment_sha256,"
                + " status, sent_by, campaign_id, correlation_id, provider_message_id, error_code, error_message,"
                + " raw_response, attempts, created_at, sent_at, delivered_at, read_at, failed_at, sender_number) VALUES ");
        int p = 1;
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 0; c < INSERT_COLUMNS; c++) {
                sql.append(c == 0 ? "?" : ", ?").append(p++);
            }
            sql.append(')');
        }
        Query q = em.createNativeQuery(sql.toString());
        p = 1;
        for (LeadMessage m : chunk) {
            StoredAttachment a = m.attachment();
            q.setParameter(p++, m.leadId());
            q.setParameter(p++, m.mobile());
            q.setParameter(p++, m.body());
            q.setParameter(p++, a == null ? null : a.id());
            q.setParameter(p++, a == null ? null : a.filename());
            q.setParameter(p++, a == null ? null : a.mimeType());
            q.setParameter(p++, a == null ? null : a.size());
            q.setParameter(p++, a == null ? null : a.sha256());
            q.setParameter(p++, m.status().name());
            q.setParameter(p++, m.sentBy());
            q.setParameter(p++, m.campaignId());
            q.setParameter(p++, m.correlationId());
            q.setParameter(p++, m.providerMessageId());
            q.setParameter(p++, m.errorCode());
            q.setParameter(p++, m.errorMessage());
            q.setParameter(p++, m.rawResponse());
            q.setParameter(p++, m.attempts());
            q.setParameter(p++, m.createdAt());
            q.setParameter(p++, m.sentAt());
            q.setParameter(p++, m.deliveredAt());
            q.setParameter(p++, m.readAt());
            q.setParameter(p++, m.failedAt());
            q.setParameter(p++, m.senderNumber());
        }
        q.executeUpdate();
    }

    @Override
    public Optional<LeadMessage> findById(long id) {
        return tx.call(em -> Optional.ofNullable(em.find(MessageEntity.class, id)).map(MessageEntity::toMessage));
    }

    @Override
    public Optional<LeadMessage> findByProviderMessageId(String providerMessageId) {
        return tx.call(em -> findBy(em, "providerMessageId", providerMessageId));
    }

    @Override
    public Optional<LeadMessage> findByCorrelationId(String correlationId) {
        return tx.call(em -> findBy(em, "correlationId", correlationId));
    }

    private static Optional<LeadMessage> findBy(EntityManager em, String attribute, String value) {
        return em.createQuery("select m from " + M + " m where m." + attribute + " = :v", MessageEntity.class)
                .setParameter("v", value).getResultStream().findFirst().map(MessageEntity::toMessage);
    }

    @Override
    public List<LeadMessage> findByLead(long leadId, int limit) {
        return tx.call(em -> em.createQuery("select m from " + M + " m where m.leadId = :lead order by m.id desc",
                MessageEntity.class)
                .setParameter("lead", leadId).setMaxResults(limit)
                .getResultList().stream().map(MessageEntity::toMessage).toList());
    }

    @Override
    public List<LeadMessage> page(MessageFilter filter, long afterId, int limit) {
        return pageWhere(filter, "m.id > :cursor", "m.id", afterId, limit);
    }

    @Override
    public List<LeadMessage> pageBefore(MessageFilter filter, long beforeId, int limit) {
        return pageWhere(filter, "m.id < :cursor", "m.id desc", beforeId, limit);
    }

    /** One keyset query: the filter's criteria as conditions, on the {@code (lead_id, id)} or {@code campaign_id} indexes. */
    private List<LeadMessage> pageWhere(MessageFilter filter, String keyset, String order, long cursor, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        StringBuilder where = new StringBuilder(keyset);
        if (filter.leadId() != null) {
            where.append(" and m.leadId = :lead");
        }
        if (filter.campaignId() != null) {
            where.append(" and m.campaignId = :campaign");
        }
        if (!filter.statuses().isEmpty()) {
            where.append(" and m.status in :statuses");
        }
        return tx.call(em -> {
            var q = em.createQuery("select m from " + M + " m where " + where + " order by " + order, MessageEntity.class)
                    .setParameter("cursor", cursor).setMaxResults(limit);
            if (filter.leadId() != null) {
                q.setParameter("lead", filter.leadId());
            }
            if (filter.campaignId() != null) {
                q.setParameter("campaign", filter.campaignId());
            }
            if (!filter.statuses().isEmpty()) {
                q.setParameter("statuses", filter.statuses());
            }
            return q.getResultList().stream().map(MessageEntity::toMessage).toList();
        });
    }

    @Override
    public boolean resolve(String correlationId, String providerMessageId, MessageStatus status, Instant at,
                           String errorCode, String errorMessage) {
        // First the provider id, at most once (the conditional update is the atomic step), then the
        // status through the same monotonic update that every later report uses.
        int claimed = tx.call(em -> em.createQuery("update " + M + " m set m.providerMessageId = :provider,"
                + " m.errorCode = null, m.errorMessage = null"
                + " where m.correlationId = :corr and m.providerMessageId is null")
                .setParameter("provider", providerMessageId).setParameter("corr", correlationId)
                .executeUpdate());
        if (claimed == 0) {
            return false;
        }
        advance(providerMessageId, status, at, errorCode, errorMessage);
        return true;
    }

    @Override
    public boolean advance(String providerMessageId, MessageStatus status, Instant at, String errorCode,
                           String errorMessage) {
        return tx.call(em -> advance(em, new Advance(providerMessageId, status, at, errorCode, errorMessage)));
    }

    /**
     * {@inheritDoc} One transaction and one JDBC batch: each move's conditional update (the same
     * as {@link #advance}'s, as one statement for every status), those of one message in list
     * order, the messages in provider-id order (concurrent batches lock rows in the same order).
     */
    @Override
    public List<Boolean> advanceAll(List<Advance> moves) {
        return tx.updateAllInKeyOrder(moves, Advance::providerMessageId, ADVANCE_SQL, JpaMessageStore::bindAdvance);
    }

    /**
     * {@link #advance}'s update for any status: the status and, switched on by the status, its
     * time (the first SENT time is kept) and the error of a failure; the {@code IN} list holds the
     * statuses that may move to the new one, repeated to fill its places.
     */
    private static final String ADVANCE_SQL = "UPDATE lead_whatsapp_messages SET status = ?,"
            + " sent_at = CASE WHEN ? = 1 THEN COALESCE(sent_at, ?) ELSE sent_at END,"
            + " delivered_at = CASE WHEN ? = 1 THEN ? ELSE delivered_at END,"
            + " read_at = CASE WHEN ? = 1 THEN ? ELSE read_at END,"
            + " failed_at = CASE WHEN ? = 1 THEN ? ELSE failed_at END,"
            + " error_code = CASE WHEN ? = 1 THEN ? ELSE error_code END,"
            + " error_message = CASE WHEN ? = 1 THEN ? ELSE error_message END"
            + " WHERE provider_message_id = ? AND status IN (" + "?, ".repeat(MessageStatus.values().length - 1) + "?)";

    private static boolean bindAdvance(Parameters p, Advance a) throws java.sql.SQLException {
        List<MessageStatus> from = new ArrayList<>(fromStatuses(a.status()));
        if (from.isEmpty()) {
            return false;
        }
        MessageStatus to = a.status();
        boolean failed = to == MessageStatus.FAILED;
        p.name(to)
                .flag(to == MessageStatus.SENT).instant(a.at())
                .flag(to == MessageStatus.DELIVERED).instant(a.at())
                .flag(to == MessageStatus.READ).instant(a.at())
                .flag(failed).instant(a.at())
                .flag(failed).string(a.errorCode())
                .flag(failed).string(a.errorMessage())
                .string(a.providerMessageId());
        for (int i = 0; i < MessageStatus.values().length; i++) {
            p.name(from.get(Math.min(i, from.size() - 1)));
        }
        return true;
    }

    /** The statuses that may move to {@code status}. */
    private static Set<MessageStatus> fromStatuses(MessageStatus status) {
        Set<MessageStatus> from = EnumSet.noneOf(MessageStatus.class);
        for (MessageStatus s : MessageStatus.values()) {
            if (s.canAdvanceTo(status)) {
                from.add(s);
            }
        }
        return from;
    }

    /** {@inheritDoc} One transaction: one {@code IN} query per {@value Tx#IN_LIST_CHUNK} ids. */
    @Override
    public Map<String, LeadMessage> findByProviderMessageIds(Collection<String> providerMessageIds) {
        return tx.findAllIn(providerMessageIds, "select m from " + M + " m where m.providerMessageId in :ids",
                MessageEntity.class, MessageEntity::toMessage, LeadMessage::providerMessageId);
    }

    /** The one conditional update of a move, whose {@code WHERE} names the statuses that may move to the new one. */
    private static boolean advance(EntityManager em, Advance a) {
        MessageStatus status = a.status();
        Set<MessageStatus> from = fromStatuses(status);
        if (from.isEmpty()) {
            return false;
        }
        String times = switch (status) {
            case SENT -> ", m.sentAt = coalesce(m.sentAt, :at)";
            case DELIVERED -> ", m.deliveredAt = :at";
            case READ -> ", m.readAt = :at";
            case FAILED -> ", m.failedAt = :at, m.errorCode = :code, m.errorMessage = :message";
            default -> "";
        };
        Query q = em.createQuery("update " + M + " m set m.status = :to" + times
                + " where m.providerMessageId = :provider and m.status in " + Tx.inList("from", from.size()))
                .setParameter("to", status).setParameter("provider", a.providerMessageId());
        Tx.bindInList(q, "from", from);
        if (!times.isEmpty()) {
            q.setParameter("at", a.at());
        }
        if (status == MessageStatus.FAILED) {
            q.setParameter("code", a.errorCode()).setParameter("message", a.errorMessage());
        }
        return q.executeUpdate() == 1;
    }

    /** One conditional update: the holder, unless it is the new owner, loses the provider id. */
    @Override
    public boolean releaseProviderId(String providerMessageId, String newOwnerCorrelationId) {
        return tx.call(em -> {
            Query q = em.createQuery("update " + M + " m set m.providerMessageId = null"
                    + " where m.providerMessageId = :provider" + (newOwnerCorrelationId == null ? ""
                    : " and (m.correlationId is null or m.correlationId <> :corr)"))
                    .setParameter("provider", providerMessageId);
            if (newOwnerCorrelationId != null) {
                q.setParameter("corr", newOwnerCorrelationId);
            }
            return q.executeUpdate() > 0;
        });
    }

    @Override
    public long countCreatedBetween(Instant from, Instant to) {
        return tx.call(em -> em.createQuery("select count(m) from " + M + " m where m.createdAt >= :from"
                + " and m.createdAt < :to", Long.class)
                .setParameter("from", from).setParameter("to", to).getSingleResult());
    }

    /**
     * One query: each lead's latest message that reached the provider is the one no later such
     * message of the lead outranks ({@code NOT EXISTS}, by creation time then id, on the
     * {@code (lead_id, id)} index), kept when it is older than {@code before}.
     */
    @Override
    public List<LastMessage> latestSentBefore(Instant before, String excludeSentBy, long afterLeadId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Set<MessageStatus> sent = EnumSet.noneOf(MessageStatus.class);
        for (MessageStatus s : MessageStatus.values()) {
            if (s.isSent()) {
                sent.add(s);
            }
        }
        String byM = excludeSentBy == null ? "" : " and (m.sentBy is null or m.sentBy <> :excluded)";
        String byN = excludeSentBy == null ? "" : " and (n.sentBy is null or n.sentBy <> :excluded)";
        return tx.call(em -> {
            var q = em.createQuery("select m.leadId, m.mobile, m.id, m.createdAt from " + M + " m"
                    + " where m.leadId > :after and m.status in :sent" + byM
                    + " and m.createdAt < :before"
                    + " and not exists (select n.id from " + M + " n where n.leadId = m.leadId"
                    + " and n.status in :sent" + byN
                    + " and (n.createdAt > m.createdAt or (n.createdAt = m.createdAt and n.id > m.id)))"
                    + " order by m.leadId", Object[].class)
                    .setParameter("after", afterLeadId).setParameter("sent", sent).setParameter("before", before)
                    .setMaxResults(limit);
            if (excludeSentBy != null) {
                q.setParameter("excluded", excludeSentBy);
            }
            List<LastMessage> out = new java.util.ArrayList<>();
            for (Object[] row : q.getResultList()) {
                out.add(new LastMessage(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue(),
                        (Instant) row[3]));
            }
            return out;
        });
    }
}
