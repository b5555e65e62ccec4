package io.leadreach.memory;

import io.leadreach.contract.MessageStoreContract;
import io.leadreach.message.MessageStore;

class InMemoryMessageStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore newStore() {
        return new InMemoryMessageStore();
    }
}
