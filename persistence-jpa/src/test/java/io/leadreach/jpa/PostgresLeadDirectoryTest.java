package io.leadreach.jpa;

import io.leadreach.contract.LeadDirectoryContract;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import java.util.List;

/** The LeadDirectory contract on Postgres, over a host entity with its own attribute names. */
class PostgresLeadDirectoryTest extends LeadDirectoryContract {

    @Override
    protected LeadDirectory directoryWith(List<Lead> leads) {
        CrmDatabase.seed(TestDatabase.POSTGRESQL, leads);
        return new JpaLeadDirectory(CrmDatabase.emf(TestDatabase.POSTGRESQL), CrmDatabase.MAPPING);
    }
}
