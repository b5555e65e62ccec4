package io.leadreach.jpa;

import io.leadreach.contract.TemplateStoreContract;
import io.leadreach.template.TemplateStore;

/** The TemplateStore contract on H2. */
class H2TemplateStoreTest extends TemplateStoreContract {

    @Override
    protected TemplateStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_templates");
        return new JpaTemplateStore(TestDatabase.H2.emf());
    }
}
