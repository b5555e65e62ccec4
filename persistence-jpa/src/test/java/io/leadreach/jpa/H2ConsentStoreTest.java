package io.leadreach.jpa;

import io.leadreach.contract.ConsentStoreContract;
import io.leadreach.lead.ConsentStore;

/** The ConsentStore contract on H2. */
class H2ConsentStoreTest extends ConsentStoreContract {

    @Override
    protected ConsentStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_opt_outs");
        return new JpaConsentStore(TestDatabase.H2.emf());
    }
}
