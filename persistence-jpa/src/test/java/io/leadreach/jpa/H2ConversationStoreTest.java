package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.contract.ConversationStoreContract;
import io.leadreach.tracking.ConversationStore;
import org.junit.jupiter.api.Test;

/** The ConversationStore contract on H2, and forgetting old inbound ids. */
class H2ConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_inbound_ids", "lead_whatsapp_conversations");
        return new JpaConversationStore(TestDatabase.H2.emf());
    }

    @Test
    void forgottenIdsAreHandledAgainAndTheTimeStays() {
        JpaConversationStore jpa = (JpaConversationStore) store;
        jpa.recordInbound("+12015550123", "wamid.old", T0);
        jpa.recordInbound("+12015550123", "wamid.new", T0.plusSeconds(3600));

        assertThat(jpa.forgetInboundIdsBefore(T0.plusSeconds(60))).isEqualTo(1);

        assertThat(jpa.recordInbound("+12015550123", "wamid.old", T0)).as("forgotten").isTrue();
        assertThat(jpa.recordInbound("+12015550123", "wamid.new", T0.plusSeconds(3600))).as("kept").isFalse();
        assertThat(jpa.lastInboundAt("+12015550123")).contains(T0.plusSeconds(3600));
    }
}
