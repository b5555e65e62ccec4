package io.leadreach.jpa;

import io.leadreach.automation.AutomationStore;
import io.leadreach.contract.AutomationStoreContract;

/** The AutomationStore contract on Postgres. */
class PostgresAutomationStoreTest extends AutomationStoreContract {

    @Override
    protected AutomationStore newStore() {
        TestDatabase.POSTGRESQL.clear("lead_whatsapp_automation_fired", "lead_whatsapp_automation_rules");
        return new JpaAutomationStore(TestDatabase.POSTGRESQL.emf());
    }
}
