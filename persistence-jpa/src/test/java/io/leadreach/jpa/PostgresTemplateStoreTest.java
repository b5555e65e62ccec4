package io.leadreach.jpa;

import io.leadreach.contract.TemplateStoreContract;
import io.leadreach.template.TemplateStore;

/** The TemplateStore contract on Postgres. */
class PostgresTemplateStoreTest extends TemplateStoreContract {

    @Override
    protected TemplateStore newStore() {
        TestDatabase.POSTGRESQL.clear("lead_whatsapp_templates");
        return new JpaTemplateStore(TestDatabase.POSTGRESQL.emf());
    }
}
