package io.leadreach.jpa;

import io.leadreach.contract.ConversationStoreContract;
import io.leadreach.tracking.ConversationStore;

/** The ConversationStore contract on MariaDb. */
class MariaDbConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_inbound_ids", "lead_whatsapp_conversations", "lead_whatsapp_number_conversations");
        return new JpaConversationStore(TestDatabase.MARIADB.emf());
    }
}
