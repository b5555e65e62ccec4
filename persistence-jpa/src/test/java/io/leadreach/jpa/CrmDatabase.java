package io.leadreach.jpa;

import io.leadreach.lead.Lead;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The host CRM's persistence unit in the tests: only {@link CrmLead}, its table made by the provider. */
final class CrmDatabase {

    private static final Map<TestDatabase, EntityManagerFactory> UNITS = new EnumMap<>(TestDatabase.class);

    private CrmDatabase() {
    }

    static final LeadMapping MAPPING = LeadMapping.forEntity(CrmLead.class)
            .id("id").name("fullName").mobile("phone").email("email").status("stage").source("source")
            .priority("priority").createdAt("createdOn").birthday("birthDate").timeZone("tz")
            .anniversary("weddingDay").renewalDate("renewsOn").lastContactAt("lastContacted")
            .optedOut("doNotContact").attribute("segment", "segment")
            .build();

    static synchronized EntityManagerFactory emf(TestDatabase db) {
        return UNITS.computeIfAbsent(db, d -> {
            EntityManagerFactory emf = Persistence.createEntityManagerFactory(new PersistenceConfiguration("crm")
                    .managedClass(CrmLead.class)
                    .property("jakarta.persistence.nonJtaDataSource", d.dataSource())
                    .property("jakarta.persistence.schema-generation.database.action", "drop-and-create"));
            Runtime.getRuntime().addShutdownHook(new Thread(emf::close));
            return emf;
        });
    }

    /** Replaces the CRM's leads with these. */
    static void seed(TestDatabase db, List<Lead> leads) {
        EntityManager em = emf(db).createEntityManager();
        try {
            em.getTransaction().begin();
            em.createQuery("delete from CrmLead").executeUpdate();
            for (Lead l : leads) {
                em.persist(new CrmLead(l.id(), l.name(), l.mobile(), l.status(), l.source(),
                        l.priority() == null ? null : CrmLead.Priority.valueOf(l.priority().toUpperCase(Locale.ROOT)),
                        l.createdAt(), l.attributes().get("segment")).dates(l));
            }
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }
}
