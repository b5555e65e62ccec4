package io.leadreach.jpa;

import io.leadreach.jpa.internal.OptOutEntity;
import io.leadreach.jpa.internal.Tx;
import io.leadreach.lead.ConsentStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ConsentStore} on Jakarta Persistence, over {@code lead_whatsapp_opt_outs}: one row per
 * E.164 number holding its latest change. A change is a conditional update
 * ({@code WHERE changed_at <= :at}), so a stale event never undoes a newer one; the first change
 * of a number inserts its row, and a concurrent first insert is retried as an update. Each call
 * runs in its own short transaction, as {@link JpaCampaignStore} describes.
 */
public final class JpaConsentStore implements ConsentStore {

    private final Tx tx;

    /** A store over this factory, which must map the library's entities. */
    public JpaConsentStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    @Override
    public void optOut(String e164, String source, Instant at) {
        record(e164, true, source, at);
    }

    @Override
    public void optIn(String e164, String source, Instant at) {
        record(e164, false, source, at);
    }

    private void record(String e164, boolean optedOut, String source, Instant at) {
        for (int attempt = 1; ; attempt++) {
            try {
                tx.call(em -> {
                    int updated = em.createQuery("update LeadWhatsAppOptOut o set o.optedOut = :out,"
                            + " o.source = :source, o.changedAt = :at where o.mobile = :mobile and o.changedAt <= :at")
                            .setParameter("out", optedOut).setParameter("source", source).setParameter("at", at)
                            .setParameter("mobile", e164).executeUpdate();
                    if (updated == 0 && em.find(OptOutEntity.class, e164) == null) {
                        em.persist(new OptOutEntity(e164, optedOut, source, at));
                        em.flush();
                    }
                    return null;
                });
                return;
            } catch (PersistenceException e) {
                if (attempt >= 3 || !Tx.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<Consent> find(String e164) {
        return tx.call(em -> Optional.ofNullable(em.find(OptOutEntity.class, e164)).map(OptOutEntity::toConsent));
    }

    /** {@inheritDoc} One query per thousand numbers. */
    @Override
    public Set<String> optedOutAmong(Collection<String> e164s) {
        List<String> numbers = new ArrayList<>(new LinkedHashSet<>(e164s));
        if (numbers.isEmpty()) {
            return Set.of();
        }
        return tx.call(em -> {
            Set<String> out = new HashSet<>();
            for (int from = 0; from < numbers.size(); from += 1_000) {
                out.addAll(em.createQuery("select o.mobile from LeadWhatsAppOptOut o where o.optedOut = true"
                        + " and o.mobile in :m", String.class)
                        .setParameter("m", numbers.subList(from, Math.min(numbers.size(), from + 1_000)))
                        .getResultList());
            }
            return out;
        });
    }
}
