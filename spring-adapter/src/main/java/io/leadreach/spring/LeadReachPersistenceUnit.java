package io.leadreach.spring;

import io.leadreach.jpa.LeadReachJpa;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * LeadReach's own persistence unit on the host's {@link DataSource}: its {@code lead_whatsapp_*}
 * tables migrated (with their own Flyway history table, {@value LeadReachJpa#HISTORY_TABLE}) and
 * an {@link EntityManagerFactory} that manages only LeadReach's entities.
 *
 * <p>It is deliberately not an {@code EntityManagerFactory} bean: the host's JPA set-up (Spring
 * Boot's own factory, repositories, {@code @PersistenceContext}) stays exactly as it is, and
 * LeadReach's stores run their short transactions on this separate factory. Closed with the
 * context.
 */
public final class LeadReachPersistenceUnit implements AutoCloseable {

    private final EntityManagerFactory entityManagerFactory;
    private final int migrationsExecuted;

    private LeadReachPersistenceUnit(EntityManagerFactory entityManagerFactory, int migrationsExecuted) {
        this.entityManagerFactory = entityManagerFactory;
        this.migrationsExecuted = migrationsExecuted;
    }

    /**
     * Migrates LeadReach's tables on this data source, then opens the factory over it.
     *
     * @param dataSource the host's data source
     * @param properties passed to the JPA provider as they are (none needed)
     * @return the open unit
     */
    public static LeadReachPersistenceUnit migrateAndOpen(DataSource dataSource, Map<String, ?> properties) {
        Objects.requireNonNull(dataSource, "dataSource");
        int executed = LeadReachJpa.migrate(dataSource);
        return new LeadReachPersistenceUnit(LeadReachJpa.createEntityManagerFactory(dataSource, properties), executed);
    }

    /**
     * Opens the factory over this data source without touching its schema (the host migrates
     * LeadReach's tables itself).
     *
     * @param dataSource the host's data source
     * @param properties passed to the JPA provider as they are (none needed)
     * @return the open unit
     */
    public static LeadReachPersistenceUnit open(DataSource dataSource, Map<String, ?> properties) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new LeadReachPersistenceUnit(LeadReachJpa.createEntityManagerFactory(dataSource, properties), 0);
    }

    /** Wraps a factory the host made itself (its tables already migrated). */
    public static LeadReachPersistenceUnit of(EntityManagerFactory entityManagerFactory) {
        return new LeadReachPersistenceUnit(Objects.requireNonNull(entityManagerFactory, "entityManagerFactory"), 0);
    }

    /** The factory LeadReach's JPA stores use. */
    public EntityManagerFactory entityManagerFactory() {
        return entityManagerFactory;
    }

    /** How many migrations ran when this unit was opened (0 when the schema was up to date). */
    public int migrationsExecuted() {
        return migrationsExecuted;
    }

    /** Closes the factory. */
    @Override
    public void close() {
        if (entityManagerFactory.isOpen()) {
            entityManagerFactory.close();
        }
    }
}
