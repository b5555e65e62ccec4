package io.leadreach.memory;

import io.leadreach.automation.AutomationStore;
import io.leadreach.contract.AutomationStoreContract;

class InMemoryAutomationStoreTest extends AutomationStoreContract {

    @Override
    protected AutomationStore newStore() {
        return new InMemoryAutomationStore();
    }
}
