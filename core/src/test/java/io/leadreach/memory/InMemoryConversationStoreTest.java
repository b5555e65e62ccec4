package io.leadreach.memory;

import io.leadreach.contract.ConversationStoreContract;
import io.leadreach.tracking.ConversationStore;

class InMemoryConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore newStore() {
        return new InMemoryConversationStore();
    }
}
