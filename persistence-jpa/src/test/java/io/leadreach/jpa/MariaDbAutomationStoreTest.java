package io.leadreach.jpa;

import io.leadreach.automation.AutomationStore;
import io.leadreach.contract.AutomationStoreContract;

/** The AutomationStore contract on MariaDb. */
class MariaDbAutomationStoreTest extends AutomationStoreContract {

    @Override
    protected AutomationStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_automation_fired", "lead_whatsapp_automation_rules");
        return new JpaAutomationStore(TestDatabase.MARIADB.emf());
    }
}
