package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.internal.Access;
import io.leadreach.jpa.JpaCampaignStore;
import io.leadreach.jpa.JpaConsentStore;
import io.leadreach.jpa.JpaLeadDirectory;
import io.leadreach.jpa.JpaMessageStore;
import io.leadreach.jpa.JpaTemplateStore;
import io.leadreach.jpa.LeadMapping;
import io.leadreach.jpa.LeadReachJpa;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryConsentStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.memory.InMemoryTemplateStore;
import io.leadreach.spring.jpahost.HostLead;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

class LeadReachJpaAutoConfigurationTest {

    /** A host's own DataSource (an H2 database of each context's own) and JPA factory, as Boot would make them. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachWhatsAppAutoConfiguration.class,
                    LeadReachAutoConfiguration.class, LeadReachJpaAutoConfiguration.class))
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments");

    @Test
    void withADataSourceTheStoresAreDurableAndTheHostsFactoryIsKept() {
        runner.withUserConfiguration(HostJpa.class).run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(LeadReachPersistenceUnit.class)
                    .hasSingleBean(JpaCampaignStore.class).hasSingleBean(JpaMessageStore.class)
                    .hasSingleBean(JpaTemplateStore.class).hasSingleBean(JpaConsentStore.class)
                    .hasSingleBean(io.leadreach.jpa.JpaAutomationStore.class)
                    .hasSingleBean(io.leadreach.jpa.JpaConversationStore.class)
                    .hasSingleBean(io.leadreach.jpa.JpaReplyStore.class)
                    .hasSingleBean(io.leadreach.jpa.JpaAnalyticsStore.class)
                    .hasBean("leadReachInboundIdsExpiryJob")
                    .doesNotHaveBean(InMemoryCampaignStore.class).doesNotHaveBean(InMemoryMessageStore.class)
                    .doesNotHaveBean(InMemoryTemplateStore.class).doesNotHaveBean(InMemoryConsentStore.class)
                    .hasSingleBean(EntityManagerFactory.class)
                    .doesNotHaveBean(org.flywaydb.core.Flyway.class);
            // The host's own factory is Spring Boot's, manages the host's entity and not LeadReach's.
            EntityManagerFactory host = context.getBean(EntityManagerFactory.class);
            EntityManagerFactory own = context.getBean(LeadReachPersistenceUnit.class).entityManagerFactory();
            assertThat(own).isNotSameAs(host);
            assertThat(host.getMetamodel().getEntities()).extracting(e -> (Object) e.getJavaType())
                    .containsExactly(HostLead.class);
            assertThat(own.getMetamodel().getEntities()).extracting(e -> (Object) e.getJavaType())
                    .doesNotContain(HostLead.class).isNotEmpty();
            // LeadReach's tables and history table are there, beside the host's.
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            List<String> tables = jdbc.queryForList("SELECT LOWER(table_name) FROM information_schema.tables "
                    + "WHERE table_schema = 'PUBLIC'", String.class);
            assertThat(tables).contains(LeadReachJpa.HISTORY_TABLE, "lead_whatsapp_campaigns", "host_lead");
            LeadReach leadReach = context.getBean(LeadReach.class);
            assertThat(Access.wiring(leadReach).campaigns()).isSameAs(context.getBean(CampaignStore.class))
                    .isInstanceOf(JpaCampaignStore.class);
            assertThat(Access.wiring(leadReach).conversations())
                    .isSameAs(context.getBean(io.leadreach.jpa.JpaConversationStore.class));
            assertThat(leadReach.analytics()).isNotNull();   // the dashboard has its SQL store
            // Without a LeadMapping the core's fallback directory is used.
            assertThat(context).hasSingleBean(InMemoryLeadDirectory.class);
        });
    }

    @Test
    void aLeadMappingBeanGivesAJpaLeadDirectoryOverTheHostsEntity() {
        runner.withUserConfiguration(HostJpa.class, HostMapping.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JpaLeadDirectory.class)
                    .doesNotHaveBean(InMemoryLeadDirectory.class);
            EntityManager em = context.getBean(EntityManagerFactory.class).createEntityManager();
            em.getTransaction().begin();
            em.persist(new HostLead(7L, "Ada Quill", "+15555550107", "qualified", Instant.parse("2026-01-02T03:04:05Z")));
            em.getTransaction().commit();
            em.close();
            LeadDirectory leads = Access.wiring(context.getBean(LeadReach.class)).leads();
            assertThat(leads).isSameAs(context.getBean(JpaLeadDirectory.class));
            assertThat(leads.findById(7L)).hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("Ada Quill"));
        });
    }

    @Test
    void withoutADataSourceTheInMemoryStoresStay() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LeadReachWhatsAppAutoConfiguration.class,
                        LeadReachAutoConfiguration.class, LeadReachJpaAutoConfiguration.class))
                .withPropertyValues("leadreach.attachments.directory=target/test-attachments")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(LeadReachPersistenceUnit.class)
                        .hasSingleBean(InMemoryCampaignStore.class)
                        .hasSingleBean(InMemoryMessageStore.class));
    }

    @Test
    void withoutThePersistenceModuleNothingChanges() {
        runner.withUserConfiguration(HostJpa.class)
                .withClassLoader(new FilteredClassLoader(LeadReachJpa.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(LeadReachPersistenceUnit.class)
                        .hasSingleBean(InMemoryCampaignStore.class));
    }

    @Test
    void theHostsOwnStoreWins() {
        runner.withUserConfiguration(HostJpa.class, HostCampaignStore.class).run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(JpaCampaignStore.class)
                    .hasSingleBean(JpaMessageStore.class);
            assertThat(Access.wiring(context.getBean(LeadReach.class)).campaigns())
                    .isSameAs(context.getBean("hostCampaigns"));
        });
    }

    @Test
    void theHostsOwnPersistenceUnitWins() {
        runner.withUserConfiguration(HostJpa.class, HostUnit.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(LeadReachPersistenceUnit.class);
            assertThat(context.getBean(LeadReachPersistenceUnit.class)).isSameAs(context.getBean("hostUnit"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class HostJpa {
        @Bean
        DataSource dataSource() {
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL("jdbc:h2:mem:lr_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
            return ds;
        }

        @Bean
        LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
            LocalContainerEntityManagerFactoryBean emf = new LocalContainerEntityManagerFactoryBean();
            emf.setDataSource(dataSource);
            emf.setPackagesToScan(HostLead.class.getPackageName());
            emf.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
            emf.setJpaPropertyMap(java.util.Map.of("hibernate.hbm2ddl.auto", "create-drop"));
            return emf;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostMapping {
        @Bean
        LeadMapping hostLeadMapping() {
            return LeadMapping.forEntity(HostLead.class).id("id").name("fullName").mobile("phone")
                    .status("stage").createdAt("createdOn").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostCampaignStore {
        @Bean
        CampaignStore hostCampaigns() {
            return new InMemoryCampaignStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostUnit {
        @Bean
        LeadReachPersistenceUnit hostUnit(DataSource dataSource) {
            return LeadReachPersistenceUnit.migrateAndOpen(dataSource, java.util.Map.of());
        }
    }
}
