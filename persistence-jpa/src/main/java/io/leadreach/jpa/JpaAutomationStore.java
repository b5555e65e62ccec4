package io.leadreach.jpa;

import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationStore;
import io.leadreach.jpa.internal.AutomationFiredEntity;
import io.leadreach.jpa.internal.AutomationRuleEntity;
import io.leadreach.jpa.internal.Tx;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AutomationStore} on Jakarta Persistence, over {@code lead_whatsapp_automation_rules}
 * and {@code lead_whatsapp_automation_fired}. {@link #recordIfAbsent} inserts the occurrence in a
 * transaction of its own and lets the table's unique key (rule, lead, occurrence) refuse a second
 * one: the violation is caught and read as "already fired", so concurrent runs on several nodes
 * fire a rule once. Each call runs in its own short transaction, as {@link JpaCampaignStore}
 * describes. A rule's criteria are kept as JSON text like a campaign's target.
 */
public final class JpaAutomationStore implements AutomationStore {

    private static final String R = "LeadWhatsAppAutomationRule";
    private static final String F = "LeadWhatsAppAutomationFired";

    private final Tx tx;

    /** A store over this factory, which must map the library's entities ({@link LeadReachJpa#entityClasses()}). */
    public JpaAutomationStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    @Override
    public AutomationRule save(AutomationRule rule) {
        Objects.requireNonNull(rule, "rule");
        return tx.call(em -> {
            AutomationRuleEntity e = AutomationRuleEntity.of(rule);
            if (rule.id() == 0) {
                em.persist(e);
                em.flush();
                return e.toRule();
            }
            // Locked, so a concurrent delete waits; gone already, it is not brought back by a merge.
            if (em.find(AutomationRuleEntity.class, rule.id(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE) == null) {
                throw new java.util.NoSuchElementException("no automation rule with id " + rule.id());
            }
            return em.merge(e).toRule();
        });
    }

    @Override
    public Optional<AutomationRule> find(long id) {
        return tx.call(em -> Optional.ofNullable(em.find(AutomationRuleEntity.class, id))
                .map(AutomationRuleEntity::toRule));
    }

    @Override
    public List<AutomationRule> list(boolean activeOnly) {
        return tx.call(em -> em.createQuery("select r from " + R + " r"
                        + (activeOnly ? " where r.active = true" : "") + " order by r.id", AutomationRuleEntity.class)
                .getResultList().stream().map(AutomationRuleEntity::toRule).toList());
    }

    @Override
    public boolean delete(long id) {
        return tx.call(em -> {
            em.createQuery("delete from " + F + " f where f.ruleId = :id").setParameter("id", id).executeUpdate();
            return em.createQuery("delete from " + R + " r where r.id = :id").setParameter("id", id)
                    .executeUpdate() > 0;
        });
    }

    @Override
    public boolean recordIfAbsent(long ruleId, long leadId, String occurrenceKey, Instant firedAt) {
        Objects.requireNonNull(occurrenceKey, "occurrenceKey");
        if (hasFired(ruleId, leadId, occurrenceKey)) {
            return false;
        }
        try {
            tx.call(em -> {
                em.persist(new AutomationFiredEntity(ruleId, leadId, occurrenceKey, firedAt));
                em.flush();
                return null;
            });
            return true;
        } catch (PersistenceException e) {
            if (Tx.isConstraintViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean hasFired(long ruleId, long leadId, String occurrenceKey) {
        return tx.call(em -> em.createQuery("select count(f) from " + F + " f where f.ruleId = :rule"
                        + " and f.leadId = :lead and f.occurrenceKey = :key", Long.class)
                .setParameter("rule", ruleId).setParameter("lead", leadId).setParameter("key", occurrenceKey)
                .getSingleResult() > 0);
    }
}
