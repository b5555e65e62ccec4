package io.leadreach.jpa;

import io.leadreach.contract.ReplyStoreContract;
import io.leadreach.tracking.ReplyStore;

/** The ReplyStore contract on H2. */
class H2ReplyStoreTest extends ReplyStoreContract {

    @Override
    protected ReplyStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_replies");
        return new JpaReplyStore(TestDatabase.H2.emf());
    }
}
