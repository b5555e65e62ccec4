package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.contract.ConversationStoreContract;
import io.leadreach.tracking.ConversationStore;
import org.junit.jupiter.api.Test;

/** The ConversationStore contract on H2, and forgetting old inbound ids. */
class H2ConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_inbound_ids", "lead_whatsapp_conversations", "lead_whatsapp_number_conversations");
        return new JpaConversationStore(TestDatabase.H2.emf());
    }

    @Test
    void forgottenIdsAreHandledAgainAndTheTimeStays() {
        JpaConversationStore jpa = (JpaConversationStore) store;
        jpa.recordInbound("106540352242922", "+12015550123", "wamid.old", T0);
        jpa.recordInbound("106540352242922", "+12015550123", "wamid.new", T0.plusSeconds(3600));

        assertThat(jpa.forgetInboundIdsBefore(T0.plusSeconds(60))).isEqualTo(1);

        assertThat(jpa.recordInbound("106540352242922", "+12015550123", "wamid.old", T0)).as("forgotten").isTrue();
        assertThat(jpa.recordInbound("106540352242922", "+12015550123", "wamid.new", T0.plusSeconds(3600))).as("kept").isFalse();
        assertThat(jpa.lastInboundAt("+12015550123")).contains(T0.plusSeconds(3600));
    }

    @Test
    void aWindowRecordedBeforeTheNumbersWereKeptCountsForEveryNumber() {
        // what migration V12 copies from a single-number schema: the number's id is not known
        jakarta.persistence.EntityManager em = TestDatabase.H2.emf().createEntityManager();
        try {
            em.getTransaction().begin();
            em.createNativeQuery("INSERT INTO lead_whatsapp_number_conversations (sender_id, mobile, last_inbound_at)"
                    + " VALUES ('', '+12015550125', ?)").setParameter(1, T0).executeUpdate();
            em.getTransaction().commit();
        } finally {
            em.close();
        }
        assertThat(store.lastInboundAt("106540352242922", "+12015550125")).contains(T0);
        assertThat(store.lastInboundAt("106540352242923", "+12015550125")).contains(T0);
        store.recordInbound("106540352242922", "+12015550125", "wamid.after", T0.plusSeconds(60));
        assertThat(store.lastInboundAt("106540352242922", "+12015550125")).contains(T0.plusSeconds(60));
        assertThat(store.lastInboundAt("106540352242923", "+12015550125")).contains(T0);
    }
}
