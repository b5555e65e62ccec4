package io.leadreach.jpa;

import io.leadreach.jpa.internal.MessageEntity;
import io.leadreach.jpa.internal.Tx;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link MessageStore} on Jakarta Persistence, over {@code lead_whatsapp_messages}. Correlation
 * ids and provider message ids are unique. {@link #advance} is one conditional update whose
 * {@code WHERE} names the statuses that may move to the new one, so it is atomic and monotonic.
 * Each call runs in its own short transaction, as {@link JpaCampaignStore} describes.
 */
public final class JpaMessageStore implements MessageStore {

    private static final String M = "LeadWhatsAppMessage";

    private final Tx tx;

    /** A store over this factory, which must map the library's entities. */
    public JpaMessageStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the message has an id this store does not hold
     * @throws IllegalStateException    when another message has its correlation or provider id
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
                throw new IllegalStateException("another message has the correlation id '" + message.correlationId()
                        + "' or provider message id '" + message.providerMessageId() + "'", e);
            }
            throw e;
        }
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
    public boolean advance(String providerMessageId, MessageStatus status, Instant at, String errorCode,
                           String errorMessage) {
        Set<MessageStatus> from = EnumSet.noneOf(MessageStatus.class);
        for (MessageStatus s : MessageStatus.values()) {
            if (s.canAdvanceTo(status)) {
                from.add(s);
            }
        }
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
        return tx.call(em -> {
            Query q = em.createQuery("update " + M + " m set m.status = :to" + times
                    + " where m.providerMessageId = :provider and m.status in :from")
                    .setParameter("to", status).setParameter("provider", providerMessageId)
                    .setParameter("from", from);
            if (!times.isEmpty()) {
                q.setParameter("at", at);
            }
            if (status == MessageStatus.FAILED) {
                q.setParameter("code", errorCode).setParameter("message", errorMessage);
            }
            return q.executeUpdate() == 1;
        });
    }

    @Override
    public long countCreatedBetween(Instant from, Instant to) {
        return tx.call(em -> em.createQuery("select count(m) from " + M + " m where m.createdAt >= :from"
                + " and m.createdAt < :to", Long.class)
                .setParameter("from", from).setParameter("to", to).getSingleResult());
    }
}
