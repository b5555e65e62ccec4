package io.leadreach.jpa;

import io.leadreach.contract.ReplyStoreContract;
import io.leadreach.tracking.ReplyStore;

/** The ReplyStore contract on MariaDb. */
class MariaDbReplyStoreTest extends ReplyStoreContract {

    @Override
    protected ReplyStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_replies");
        return new JpaReplyStore(TestDatabase.MARIADB.emf());
    }
}
