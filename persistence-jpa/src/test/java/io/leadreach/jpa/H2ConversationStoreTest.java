package io.leadreach.jpa;

import io.leadreach.contract.ConversationStoreContract;
import io.leadreach.tracking.ConversationStore;

/** The ConversationStore contract on H2. */
class H2ConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_inbound_ids", "lead_whatsapp_conversations");
        return new JpaConversationStore(TestDatabase.H2.emf());
    }
}
