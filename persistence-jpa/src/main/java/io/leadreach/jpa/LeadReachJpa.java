package io.leadreach.jpa;

import io.leadreach.jpa.internal.AttachmentColumns;
import io.leadreach.jpa.internal.AutomationFiredEntity;
import io.leadreach.jpa.internal.AutomationRuleEntity;
import io.leadreach.jpa.internal.CampaignEntity;
import io.leadreach.jpa.internal.ConversationEntity;
import io.leadreach.jpa.internal.Dialect;
import io.leadreach.jpa.internal.InboundIdEntity;
import io.leadreach.jpa.internal.NumberConversationEntity;
import io.leadreach.jpa.internal.MessageEntity;
import io.leadreach.jpa.internal.OptOutEntity;
import io.leadreach.jpa.internal.RecipientEntity;
import io.leadreach.jpa.internal.ReplyEntity;
import io.leadreach.jpa.internal.TemplateEntity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The entry point of the JPA module: the schema migrations, the entity classes a persistence unit
 * needs, and a ready {@link EntityManagerFactory} for hosts that do not have one to share.
 *
 * <pre>{@code
 * LeadReachJpa.migrate(dataSource);                       // creates or upgrades lead_whatsapp_* tables
 * EntityManagerFactory emf = LeadReachJpa.createEntityManagerFactory(dataSource, Map.of());
 * CampaignStore campaigns = new JpaCampaignStore(emf);
 * }</pre>
 *
 * <p>The stores over such a factory: {@link JpaCampaignStore}, {@link JpaMessageStore},
 * {@link JpaTemplateStore}, {@link JpaConsentStore}, {@link JpaConversationStore} (the 24-hour
 * window's last inbound times) and {@link JpaAnalyticsStore} (the dashboard's aggregate queries,
 * for {@code LeadReach.builder().analyticsStore(...)}); {@link JpaLeadDirectory} reads the host's
 * own lead entity.
 *
 * <p>The migrations run on PostgreSQL, MariaDB/MySQL and H2; they keep their own history table,
 * {@value #HISTORY_TABLE}, and create only {@code lead_whatsapp_*} tables, so they sit beside the
 * host's own schema (and its own Flyway history) without touching it.
 */
public final class LeadReachJpa {

    /** The Flyway history table of LeadReach's migrations. */
    public static final String HISTORY_TABLE = "lead_whatsapp_schema_history";

    /** Where the migration scripts are on the class path. */
    public static final String MIGRATIONS = "classpath:io/leadreach/jpa/migration";

    private LeadReachJpa() {
    }

    /** The classes a persistence unit must manage for the JPA stores to work. */
    public static List<Class<?>> entityClasses() {
        return List.of(CampaignEntity.class, RecipientEntity.class, MessageEntity.class, TemplateEntity.class,
                OptOutEntity.class, AttachmentColumns.class, AutomationRuleEntity.class, AutomationFiredEntity.class,
                ConversationEntity.class, NumberConversationEntity.class, InboundIdEntity.class, ReplyEntity.class);
    }

    /**
     * Creates or upgrades LeadReach's tables in the data source's default schema, and returns how
     * many migrations ran. A schema that already holds other tables is fine: the history starts
     * from an empty baseline.
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Dialect dialect = Dialect.of(dataSource);
        return Flyway.configure(LeadReachJpa.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(dialect.placeholders())
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /**
     * A resource-local {@link EntityManagerFactory} over this data source that manages LeadReach's
     * entities, from whichever Jakarta Persistence 3.2 provider is on the class path (Hibernate ORM 7
     * is the one tested). {@code properties} are passed to the provider as they are.
     */
    public static EntityManagerFactory createEntityManagerFactory(DataSource dataSource, Map<String, ?> properties) {
        PersistenceConfiguration config = new PersistenceConfiguration("leadreach")
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                .property("jakarta.persistence.nonJtaDataSource", Objects.requireNonNull(dataSource, "dataSource"))
                .properties(Map.copyOf(properties));
        for (Class<?> c : entityClasses()) {
            config.managedClass(c);
        }
        return Persistence.createEntityManagerFactory(config);
    }
}
