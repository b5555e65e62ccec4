package io.leadreach.jpa;

import io.leadreach.contract.ReplyStoreContract;
import io.leadreach.tracking.ReplyStore;

/** The ReplyStore contract on Postgres. */
class PostgresReplyStoreTest extends ReplyStoreContract {

    @Override
    protected ReplyStore newStore() {
        TestDatabase.POSTGRESQL.clear("lead_whatsapp_replies");
        return new JpaReplyStore(TestDatabase.POSTGRESQL.emf());
    }
}
