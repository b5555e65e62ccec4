package io.leadreach.memory;

import io.leadreach.contract.TemplateStoreContract;
import io.leadreach.template.TemplateStore;

class InMemoryTemplateStoreTest extends TemplateStoreContract {

    @Override
    protected TemplateStore newStore() {
        return new InMemoryTemplateStore();
    }
}
