package io.leadreach.jpa;

import io.leadreach.jpa.internal.ConversationEntity;
import io.leadreach.jpa.internal.InboundIdEntity;
import io.leadreach.jpa.internal.NumberConversationEntity;
import io.leadreach.jpa.internal.Tx;
import io.leadreach.tracking.ConversationStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ConversationStore} on Jakarta Persistence: the last inbound time of each pair of business
 * number and E.164 number in {@code lead_whatsapp_number_conversations}, of each E.164 number to any
 * business number in {@code lead_whatsapp_conversations}, and the provider ids of inbound messages already handled in
 * {@code lead_whatsapp_inbound_ids} (their primary key, so two nodes handed the same webhook cannot
 * both record it). Both change in one short transaction: the id is inserted and the time moved
 * forward by a conditional update ({@code WHERE last_inbound_at < :at}), so a late, older message
 * never moves it back. A race with another node (the same id, or the first message of a number)
 * ends in a violated key; the call then runs again and sees the other node's row.
 *
 * <p>Ids are kept until {@link #forgetInboundIdsBefore} removes old ones (a periodic clean-up; the
 * port asks for at least {@link ConversationStore#DEDUPLICATION_HORIZON} ids to be remembered).
 */
public final class JpaConversationStore implements ConversationStore {

    private final Tx tx;

    /** A store over this factory, which must map the library's entities ({@link LeadReachJpa#entityClasses}). */
    public JpaConversationStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    @Override
    public boolean recordInbound(String senderId, String e164, String inboundMessageId, Instant at) {
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(inboundMessageId, "inboundMessageId");
        Objects.requireNonNull(at, "at");
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.call(em -> {
                    if (em.find(InboundIdEntity.class, inboundMessageId) != null) {
                        return false;
                    }
                    em.persist(new InboundIdEntity(inboundMessageId, e164, at));
                    em.flush();
                    int moved = em.createQuery("update LeadWhatsAppConversation c set c.lastInboundAt = :at"
                                    + " where c.mobile = :mobile and c.lastInboundAt < :at")
                            .setParameter("at", at).setParameter("mobile", e164).executeUpdate();
                    if (moved == 0 && em.find(ConversationEntity.class, e164) == null) {
                        em.persist(new ConversationEntity(e164, at));
                        em.flush();
                    }
                    int movedPair = em.createQuery("update LeadWhatsAppNumberConversation c set c.lastInboundAt = :at"
                                    + " where c.key.senderId = :sender and c.key.mobile = :mobile"
                                    + " and c.lastInboundAt < :at")
                            .setParameter("at", at).setParameter("sender", senderId).setParameter("mobile", e164)
                            .executeUpdate();
                    if (movedPair == 0 && em.find(NumberConversationEntity.class,
                            new NumberConversationEntity.Key(senderId, e164)) == null) {
                        em.persist(new NumberConversationEntity(senderId, e164, at));
                        em.flush();
                    }
                    return true;
                });
            } catch (PersistenceException e) {
                if (attempt >= 3 || !Tx.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * {@inheritDoc} A window recorded before the per-number table existed (migration V12, sender id
     * {@code ''}) counts for every number.
     */
    @Override
    public Optional<Instant> lastInboundAt(String senderId, String e164) {
        return tx.call(em -> em.createQuery("select max(c.lastInboundAt) from LeadWhatsAppNumberConversation c"
                        + " where c.key.mobile = :mobile and c.key.senderId in (:sender, '')", Instant.class)
                .setParameter("mobile", e164).setParameter("sender", senderId).getResultList().stream()
                .filter(Objects::nonNull).findFirst());
    }

    @Override
    public Optional<Instant> lastInboundAt(String e164) {
        return tx.call(em -> Optional.ofNullable(em.find(ConversationEntity.class, e164))
                .map(ConversationEntity::lastInboundAt));
    }

    /**
     * Forgets the ids of inbound messages received before {@code before} (a repeat of one of them
     * would then be handled again); returns how many. Keep at least the last
     * {@link ConversationStore#DEDUPLICATION_HORIZON} messages' worth, or a few days.
     */
    public int forgetInboundIdsBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return tx.call(em -> em.createQuery("delete from LeadWhatsAppInboundId i where i.receivedAt < :before")
                .setParameter("before", before).executeUpdate());
    }
}
