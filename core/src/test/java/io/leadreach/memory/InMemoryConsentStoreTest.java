package io.leadreach.memory;

import io.leadreach.contract.ConsentStoreContract;
import io.leadreach.lead.ConsentStore;

class InMemoryConsentStoreTest extends ConsentStoreContract {

    @Override
    protected ConsentStore newStore() {
        return new InMemoryConsentStore();
    }
}
