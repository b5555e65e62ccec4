package io.leadreach.jpa;

import io.leadreach.contract.LeadDirectoryContract;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import java.util.List;

/** The LeadDirectory contract on H2, over a host entity with its own attribute names. */
class H2LeadDirectoryTest extends LeadDirectoryContract {

    @Override
    protected LeadDirectory directoryWith(List<Lead> leads) {
        CrmDatabase.seed(TestDatabase.H2, leads);
        return new JpaLeadDirectory(CrmDatabase.emf(TestDatabase.H2), CrmDatabase.MAPPING);
    }
}
