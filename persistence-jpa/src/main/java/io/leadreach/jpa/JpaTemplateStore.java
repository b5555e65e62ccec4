package io.leadreach.jpa;

import io.leadreach.DuplicateKeyException;
import io.leadreach.jpa.internal.TemplateEntity;
import io.leadreach.jpa.internal.Tx;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TemplateStore} on Jakarta Persistence, over {@code lead_whatsapp_templates}, whose
 * unique constraint on the name settles concurrent saves under one name. Usage counts grow by an
 * atomic {@code usage_count = usage_count + n} update. Each call runs in its own short
 * transaction, as {@link JpaCampaignStore} describes.
 */
public final class JpaTemplateStore implements TemplateStore {

    private static final String T = "LeadWhatsAppTemplate";

    private final Tx tx;

    /** A store over this factory, which must map the library's entities. */
    public JpaTemplateStore(EntityManagerFactory entityManagerFactory) {
        this.tx = new Tx(entityManagerFactory);
    }

    /**
     * {@inheritDoc}
     *
     * @throws DuplicateKeyException    when another template has the name
     * @throws IllegalArgumentException when the template has an id this store does not hold
     */
    @Override
    public MessageTemplate save(MessageTemplate template) {
        try {
            return tx.call(em -> {
                Optional<TemplateEntity> sameName = byName(em, template.name());
                if (sameName.isPresent() && sameName.get().id() != template.id()) {
                    throw taken(template.name(), null);
                }
                if (template.id() == 0) {
                    TemplateEntity e = TemplateEntity.of(template);
                    em.persist(e);
                    em.flush();
                    return template.withId(e.id());
                }
                TemplateEntity e = em.find(TemplateEntity.class, template.id());
                if (e == null) {
                    throw new IllegalArgumentException("no template with id " + template.id());
                }
                e.copy(template);
                em.flush();
                return template;
            });
        } catch (PersistenceException e) {
            if (Tx.isConstraintViolation(e)) {
                throw taken(template.name(), e);
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the row is read with a write lock ({@code SELECT ... FOR UPDATE}), so
     * {@link #incrementUsage} and {@link #updateBindingStatus} wait for it; it is compared with
     * {@code expected} and overwritten only when its usage count and provider status are unchanged.
     */
    @Override
    public boolean replace(MessageTemplate expected, MessageTemplate next) {
        if (expected.id() == 0 || next.id() != expected.id()) {
            throw new IllegalArgumentException("replace needs the stored template and its edit, with one id");
        }
        try {
            return tx.call(em -> {
                TemplateEntity e = em.find(TemplateEntity.class, next.id(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
                if (e == null || !TemplateStore.sameCountAndStatus(e.toTemplate(), expected)) {
                    return false;
                }
                Optional<TemplateEntity> sameName = byName(em, next.name());
                if (sameName.isPresent() && sameName.get().id() != next.id()) {
                    throw taken(next.name(), null);
                }
                e.copy(next);
                em.flush();
                return true;
            });
        } catch (PersistenceException e) {
            if (Tx.isConstraintViolation(e)) {
                throw taken(next.name(), e);
            }
            throw e;
        }
    }

    private static DuplicateKeyException taken(String name, Throwable cause) {
        return new DuplicateKeyException("template name", "a template named '" + name + "' already exists", cause);
    }

    @Override
    public Optional<MessageTemplate> findById(long id) {
        return tx.call(em -> Optional.ofNullable(em.find(TemplateEntity.class, id)).map(TemplateEntity::toTemplate));
    }

    @Override
    public Optional<MessageTemplate> findByName(String name) {
        return tx.call(em -> byName(em, name).map(TemplateEntity::toTemplate));
    }

    private static Optional<TemplateEntity> byName(EntityManager em, String name) {
        return em.createQuery("select t from " + T + " t where t.name = :name", TemplateEntity.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    /** {@inheritDoc} Names are ordered by the database's collation. */
    @Override
    public List<MessageTemplate> findAll(boolean activeOnly) {
        return tx.call(em -> em.createQuery("select t from " + T + " t"
                + (activeOnly ? " where t.active = true" : "") + " order by t.name", TemplateEntity.class)
                .getResultList().stream().map(TemplateEntity::toTemplate).toList());
    }

    @Override
    public boolean delete(long id) {
        return tx.call(em -> em.createQuery("delete from " + T + " t where t.id = :id")
                .setParameter("id", id).executeUpdate()) == 1;
    }

    /** {@inheritDoc} The same as {@code updateBindingStatus(id, null, status, at)}. */
    @Override
    public boolean updateBindingStatus(long id, String status, java.time.Instant at) {
        return updateBindingStatus(id, null, status, at);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Without a WABA, one conditional update: a template with a binding whose status is older (or
     * unset) and different. For a WABA, one transaction that reads the row with a write lock
     * ({@code SELECT ... FOR UPDATE}, as {@link #replace} does) and writes its statuses per WABA back
     * when the report changes them.
     */
    @Override
    public boolean updateBindingStatus(long id, String wabaId, String status, java.time.Instant at) {
        if (wabaId == null) {
            String normalised = new io.leadreach.template.WhatsAppTemplateBinding("-", "-", null, status, at).status();
            return tx.call(em -> em.createQuery("update " + T + " t set t.bindingStatus = :status,"
                            + " t.bindingStatusAt = :at where t.id = :id and t.bindingName is not null"
                            + " and (t.bindingStatusAt is null or t.bindingStatusAt <= :at)"
                            + " and (t.bindingStatus is null or t.bindingStatus <> :status)")
                    .setParameter("status", normalised).setParameter("at", at).setParameter("id", id)
                    .executeUpdate() > 0);
        }
        return tx.call(em -> {
            TemplateEntity e = em.find(TemplateEntity.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (e == null) {
                return false;
            }
            MessageTemplate t = e.toTemplate();
            if (t.binding() == null) {
                return false;
            }
            Optional<io.leadreach.template.WhatsAppTemplateBinding> next = t.binding().afterReport(wabaId, status, at);
            if (next.isEmpty()) {
                return false;
            }
            e.copy(t.withBinding(next.get()));
            em.flush();
            return true;
        });
    }

    @Override
    public void incrementUsage(long id, long count) {
        tx.call(em -> em.createQuery("update " + T + " t set t.usageCount = t.usageCount + :n where t.id = :id")
                .setParameter("n", count).setParameter("id", id).executeUpdate());
    }
}
