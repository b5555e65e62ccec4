package io.leadreach.jpa;

import io.leadreach.contract.ConsentStoreContract;
import io.leadreach.lead.ConsentStore;

/** The ConsentStore contract on Postgres. */
class PostgresConsentStoreTest extends ConsentStoreContract {

    @Override
    protected ConsentStore newStore() {
        TestDatabase.POSTGRESQL.clear("lead_whatsapp_opt_outs");
        return new JpaConsentStore(TestDatabase.POSTGRESQL.emf());
    }
}
