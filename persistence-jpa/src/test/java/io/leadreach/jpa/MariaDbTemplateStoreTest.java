package io.leadreach.jpa;

import io.leadreach.contract.TemplateStoreContract;
import io.leadreach.template.TemplateStore;

/** The TemplateStore contract on MariaDb. */
class MariaDbTemplateStoreTest extends TemplateStoreContract {

    @Override
    protected TemplateStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_templates");
        return new JpaTemplateStore(TestDatabase.MARIADB.emf());
    }
}
