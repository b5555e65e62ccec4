package io.leadreach.spring;

import io.leadreach.sending.RecurringJob;
import java.time.Clock;
import java.time.Duration;
import io.leadreach.analytics.AnalyticsStore;
import io.leadreach.automation.AutomationStore;
import io.leadreach.jpa.JpaAnalyticsStore;
import io.leadreach.jpa.JpaAutomationStore;
import io.leadreach.jpa.JpaConversationStore;
import io.leadreach.jpa.JpaReplyStore;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.ConversationStore;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.jpa.JpaCampaignStore;
import io.leadreach.jpa.JpaConsentStore;
import io.leadreach.jpa.JpaLeadDirectory;
import io.leadreach.jpa.JpaMessageStore;
import io.leadreach.jpa.JpaTemplateStore;
import io.leadreach.jpa.LeadMapping;
import io.leadreach.jpa.LeadReachJpa;
import io.leadreach.lead.ConsentStore;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.message.MessageStore;
import io.leadreach.template.TemplateStore;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * LeadReach's durable stores on the host's {@link DataSource}, when {@code leadreach-persistence-jpa}
 * and a JPA provider are on the class path and the host has a {@code DataSource} bean.
 *
 * <ul>
 *   <li>{@link LeadReachPersistenceUnit}: LeadReach's Flyway migrations run on the data source
 *       (unless {@code leadreach.initialize-schema=false}; only {@code lead_whatsapp_*} tables, with their own history table
 *       {@value LeadReachJpa#HISTORY_TABLE}, beside the host's own Flyway history if any), and an
 *       {@link EntityManagerFactory} of LeadReach's own. The host's Spring Boot factory is not
 *       replaced: no {@code EntityManagerFactory} or {@code Flyway} bean is defined here.</li>
 *   <li>{@link JpaCampaignStore}, {@link JpaMessageStore}, {@link JpaTemplateStore} and
 *       {@link JpaConsentStore} on that unit; ordered before {@link LeadReachAutoConfiguration}, so
 *       they replace its in-memory stores.</li>
 *   <li>A {@link JpaLeadDirectory} over the host's own lead entity, in the host's
 *       {@code EntityManagerFactory}, when the host declares a {@link LeadMapping} bean.</li>
 * </ul>
 *
 * Every bean backs off when the host defines its own of the same type.
 */
@AutoConfiguration(before = LeadReachAutoConfiguration.class,
        afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
@ConditionalOnClass({LeadReachJpa.class, EntityManagerFactory.class, Flyway.class})
@ConditionalOnBean(DataSource.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties(LeadReachProperties.class)
public class LeadReachJpaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LeadReachJpaAutoConfiguration.class);

    /** LeadReach's tables migrated on the host's data source, and LeadReach's own factory over them. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public LeadReachPersistenceUnit leadReachPersistenceUnit(ObjectProvider<DataSource> dataSource,
                                                             LeadReachProperties properties) {
        DataSource ds = dataSource.getIfUnique();
        if (ds == null) {
            throw new IllegalStateException("LeadReach's JPA stores need one DataSource bean (mark one @Primary) "
                    + "or a LeadReachPersistenceUnit bean of yours");
        }
        LeadReachPersistenceUnit unit;
        try {
            unit = properties.schemaChangesAllowed() ? LeadReachPersistenceUnit.migrateAndOpen(ds, Map.of())
                    : LeadReachPersistenceUnit.open(ds, Map.of());
        } catch (jakarta.persistence.PersistenceException e) {
            throw new IllegalStateException("LeadReach's JPA stores need a Jakarta Persistence 3.2 provider on the "
                    + "class path (Hibernate ORM 7 is the one tested, e.g. spring-boot-starter-data-jpa), or "
                    + "define the store beans yourself: " + e.getMessage(), e);
        }
        if (properties.schemaChangesAllowed()) {
            log.info("LeadReach JPA stores on the application's DataSource ({} migration(s) applied, history in {})",
                    unit.migrationsExecuted(), LeadReachJpa.HISTORY_TABLE);
        } else {
            log.info("LeadReach JPA stores on the application's DataSource; its schema is left as it is "
                    + "(leadreach.initialize-schema=false): run LeadReach's migrations yourself");
        }
        return unit;
    }

    /** Campaigns and recipients, claimed with {@code SKIP LOCKED} so several nodes can share a campaign. */
    @Bean
    @ConditionalOnMissingBean(CampaignStore.class)
    public JpaCampaignStore leadReachJpaCampaignStore(LeadReachPersistenceUnit unit) {
        return new JpaCampaignStore(unit.entityManagerFactory());
    }

    /** The message log. */
    @Bean
    @ConditionalOnMissingBean(MessageStore.class)
    public JpaMessageStore leadReachJpaMessageStore(LeadReachPersistenceUnit unit) {
        return new JpaMessageStore(unit.entityManagerFactory());
    }

    /** The template library. */
    @Bean
    @ConditionalOnMissingBean(TemplateStore.class)
    public JpaTemplateStore leadReachJpaTemplateStore(LeadReachPersistenceUnit unit) {
        return new JpaTemplateStore(unit.entityManagerFactory());
    }

    /** The opt-out log. */
    @Bean
    @ConditionalOnMissingBean(ConsentStore.class)
    public JpaConsentStore leadReachJpaConsentStore(LeadReachPersistenceUnit unit) {
        return new JpaConsentStore(unit.entityManagerFactory());
    }

    /** Automation rules and the occurrences they fired for. */
    @Bean
    @ConditionalOnMissingBean(AutomationStore.class)
    public JpaAutomationStore leadReachJpaAutomationStore(LeadReachPersistenceUnit unit) {
        return new JpaAutomationStore(unit.entityManagerFactory());
    }

    /** Each number's last inbound time (the 24-hour window) and the inbound ids already handled. */
    @Bean
    @ConditionalOnMissingBean(ConversationStore.class)
    public JpaConversationStore leadReachJpaConversationStore(LeadReachPersistenceUnit unit) {
        return new JpaConversationStore(unit.entityManagerFactory());
    }

    /** The log of leads' replies, for the reply and lead timeline routes. */
    @Bean
    @ConditionalOnMissingBean(ReplyStore.class)
    public JpaReplyStore leadReachJpaReplyStore(LeadReachPersistenceUnit unit) {
        return new JpaReplyStore(unit.entityManagerFactory());
    }

    /** The name of the recurring job that forgets the ids of inbound messages older than 30 days. */
    public static final String INBOUND_IDS_JOB = "leadreach-inbound-ids-expiry";

    /**
     * Forgets, daily, the ids of inbound messages received more than 30 days ago (WhatsApp retries a
     * webhook for at most 7 days, so a repeat older than that does not come).
     */
    @Bean
    @ConditionalOnBean(JpaConversationStore.class)
    @ConditionalOnMissingBean(name = "leadReachInboundIdsExpiryJob")
    public RecurringJob leadReachInboundIdsExpiryJob(JpaConversationStore conversations, ObjectProvider<Clock> clock) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        return new RecurringJob(INBOUND_IDS_JOB, Duration.ofDays(1),
                () -> conversations.forgetInboundIdsBefore(c.instant().minus(Duration.ofDays(30))));
    }

    /** Dashboard figures as SQL aggregations over the message log. */
    @Bean
    @ConditionalOnMissingBean(AnalyticsStore.class)
    public JpaAnalyticsStore leadReachJpaAnalyticsStore(LeadReachPersistenceUnit unit) {
        return new JpaAnalyticsStore(unit.entityManagerFactory());
    }

    /**
     * The host's leads, read through its {@link LeadMapping} from the host's own
     * {@link EntityManagerFactory} (the one whose persistence unit holds the lead entity).
     */
    @Bean
    @ConditionalOnBean(LeadMapping.class)
    @ConditionalOnMissingBean(LeadDirectory.class)
    public JpaLeadDirectory leadReachJpaLeadDirectory(LeadMapping mapping,
                                                      ObjectProvider<EntityManagerFactory> hostFactory) {
        EntityManagerFactory emf = hostFactory.getIfUnique();
        if (emf == null) {
            throw new IllegalStateException("A LeadMapping bean needs the application's EntityManagerFactory (one, "
                    + "or one marked @Primary) whose persistence unit manages " + mapping.entityClass().getName()
                    + "; or define a LeadDirectory bean yourself");
        }
        return new JpaLeadDirectory(emf, mapping);
    }
}
