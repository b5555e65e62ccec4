package io.leadreach.jpa;

import static io.leadreach.contract.TestRecords.aCampaign;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.jpa.internal.RecipientEntity;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How a claim meets rows another transaction holds locked: on PostgreSQL and MariaDB it passes
 * over them (the provider really issues SKIP LOCKED); on H2 it waits for them.
 */
class ClaimSkipsLockedRowsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    void aClaimSkipsRowsLockedByAnotherTransaction(TestDatabase db) throws Exception {
        JpaCampaignStore store = new JpaCampaignStore(db.emf());
        long campaignId = campaignWithSixRecipients(store);
        EntityManager holder = db.emf().createEntityManager();
        try {
            List<Long> locked = lockFirstThree(holder, campaignId);

            List<CampaignRecipient> claimed = CompletableFuture
                    .supplyAsync(() -> store.claim(campaignId, "other-node", T0, T0.plusSeconds(120), 10))
                    .get(10, TimeUnit.SECONDS);

            assertThat(claimed).hasSize(3).extracting(CampaignRecipient::id).doesNotContainAnyElementsOf(locked);
            holder.getTransaction().commit();
        } finally {
            close(holder);
        }
        assertThat(store.claim(campaignId, "third-node", T0, T0.plusSeconds(120), 10)).hasSize(3);
    }

    @Test
    void onH2AClaimWaitsForLockedRowsAndThenTakesThem() throws Exception {
        TestDatabase db = TestDatabase.H2;
        JpaCampaignStore store = new JpaCampaignStore(db.emf());
        long campaignId = campaignWithSixRecipients(store);
        EntityManager holder = db.emf().createEntityManager();
        try {
            lockFirstThree(holder, campaignId);
            CompletableFuture<List<CampaignRecipient>> claim = CompletableFuture
                    .supplyAsync(() -> store.claim(campaignId, "other-node", T0, T0.plusSeconds(120), 10));
            Thread.sleep(300);
            assertThat(claim).as("waits for the lock holder").isNotDone();
            holder.getTransaction().commit();
            assertThat(claim.get(10, TimeUnit.SECONDS)).isNotEmpty()
                    .extracting(CampaignRecipient::id).doesNotHaveDuplicates();
        } finally {
            close(holder);
        }
    }

    private static long campaignWithSixRecipients(JpaCampaignStore store) {
        Campaign c = store.create(aCampaign().name("locks").body("Hi").status(CampaignStatus.ACTIVE).createdAt(T0)
                .build());
        store.addRecipients(c.id(), List.of(1L, 2L, 3L, 4L, 5L, 6L), T0);
        return c.id();
    }

    private static List<Long> lockFirstThree(EntityManager holder, long campaignId) {
        holder.getTransaction().begin();
        List<Long> firstThree = holder.createQuery("select r.id from LeadWhatsAppCampaignLead r"
                + " where r.campaignId = :c order by r.id", Long.class)
                .setParameter("c", campaignId).setMaxResults(3).getResultList();
        // Locked by primary key: a locking range scan may lock more rows than it returns (MariaDB's
        // optimizer may read the whole campaign through the claim index and sort, locking all six).
        List<Long> locked = holder.createQuery("select r from LeadWhatsAppCampaignLead r where r.id in :ids",
                        RecipientEntity.class)
                .setParameter("ids", firstThree)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().map(RecipientEntity::id).toList();
        assertThat(locked).hasSize(3);
        return locked;
    }

    private static void close(EntityManager em) {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
        em.close();
    }
}
