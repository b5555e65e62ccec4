package io.leadreach.jpa;

import io.leadreach.contract.MessageStoreContract;
import io.leadreach.message.MessageStore;

/** The MessageStore contract on H2. */
class H2MessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_messages");
        return new JpaMessageStore(TestDatabase.H2.emf());
    }
}
