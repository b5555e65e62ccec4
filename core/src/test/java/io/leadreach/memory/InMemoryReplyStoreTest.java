package io.leadreach.memory;

import io.leadreach.contract.ReplyStoreContract;
import io.leadreach.tracking.ReplyStore;

class InMemoryReplyStoreTest extends ReplyStoreContract {

    @Override
    protected ReplyStore newStore() {
        return new InMemoryReplyStore();
    }
}
