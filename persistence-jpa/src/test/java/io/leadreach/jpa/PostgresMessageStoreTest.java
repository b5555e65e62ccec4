package io.leadreach.jpa;

import io.leadreach.contract.MessageStoreContract;
import io.leadreach.message.MessageStore;

/** The MessageStore contract on Postgres. */
class PostgresMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore newStore() {
        TestDatabase.POSTGRESQL.clear("lead_whatsapp_messages");
        return new JpaMessageStore(TestDatabase.POSTGRESQL.emf());
    }
}
