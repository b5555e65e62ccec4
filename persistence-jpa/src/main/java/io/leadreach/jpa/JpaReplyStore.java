package io.leadreach.jpa;

import io.leadreach.jpa.internal.ReplyEntity;
import io.leadreach.jpa.internal.Tx;
import io.leadreach.tracking.LeadReply;
import io.leadreach.tracking.ReplyStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ReplyStore} on Jakarta Persistence, over {@code lead_whatsapp_replies} (migration V9).
 * The provider message id is unique, so two nodes handed the same reply record it once: the loser
 * of the race reads the winner's row. Each call runs in its own short transaction.
 */
public final class JpaReplyStore implements ReplyStore {

    private static final String R = "LeadWhatsAppReply";

    private final Tx tx;

    /** A store over this factory, which must map the library's entities ({@link LeadReachJpa#entityClasses}). */
    public JpaReplyStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    @Override
    public RecordedReply record(LeadReply reply) {
        Objects.requireNonNull(reply, "reply");
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.call(em -> {
                    Optional<RecordedReply> known = find(em, reply.providerMessageId());
                    if (known.isPresent()) {
                        return known.get();
                    }
                    ReplyEntity e = ReplyEntity.of(reply);
                    em.persist(e);
                    em.flush();
                    return e.toRecorded();
                });
            } catch (PersistenceException e) {
                if (attempt >= 3 || !Tx.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private static Optional<RecordedReply> find(EntityManager em, String providerMessageId) {
        return em.createQuery("select r from " + R + " r where r.providerMessageId = :p", ReplyEntity.class)
                .setParameter("p", providerMessageId).getResultStream().findFirst().map(ReplyEntity::toRecorded);
    }

    @Override
    public List<RecordedReply> page(long afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return tx.call(em -> em.createQuery("select r from " + R + " r where r.id > :after order by r.id",
                        ReplyEntity.class)
                .setParameter("after", afterId).setMaxResults(limit)
                .getResultList().stream().map(ReplyEntity::toRecorded).toList());
    }

    @Override
    public List<RecordedReply> pageByLead(long leadId, long beforeId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return tx.call(em -> em.createQuery("select r from " + R + " r where r.leadId = :lead and r.id < :before"
                                + " order by r.id desc", ReplyEntity.class)
                .setParameter("lead", leadId).setParameter("before", beforeId).setMaxResults(limit)
                .getResultList().stream().map(ReplyEntity::toRecorded).toList());
    }
}
