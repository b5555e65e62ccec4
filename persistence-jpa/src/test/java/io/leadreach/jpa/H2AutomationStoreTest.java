package io.leadreach.jpa;

import io.leadreach.automation.AutomationStore;
import io.leadreach.contract.AutomationStoreContract;

/** The AutomationStore contract on H2. */
class H2AutomationStoreTest extends AutomationStoreContract {

    @Override
    protected AutomationStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_automation_fired", "lead_whatsapp_automation_rules");
        return new JpaAutomationStore(TestDatabase.H2.emf());
    }
}
