package io.leadreach.jpa;

import io.leadreach.contract.ConsentStoreContract;
import io.leadreach.lead.ConsentStore;

/** The ConsentStore contract on MariaDb. */
class MariaDbConsentStoreTest extends ConsentStoreContract {

    @Override
    protected ConsentStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_opt_outs");
        return new JpaConsentStore(TestDatabase.MARIADB.emf());
    }
}
