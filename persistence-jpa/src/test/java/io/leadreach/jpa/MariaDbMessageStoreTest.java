package io.leadreach.jpa;

import io.leadreach.contract.MessageStoreContract;
import io.leadreach.message.MessageStore;

/** The MessageStore contract on MariaDb. */
class MariaDbMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_messages");
        return new JpaMessageStore(TestDatabase.MARIADB.emf());
    }
}
