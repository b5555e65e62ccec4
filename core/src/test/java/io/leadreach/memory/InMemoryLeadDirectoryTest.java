package io.leadreach.memory;

import io.leadreach.contract.LeadDirectoryContract;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import java.util.List;

class InMemoryLeadDirectoryTest extends LeadDirectoryContract {

    @Override
    protected LeadDirectory directoryWith(List<Lead> leads) {
        return new InMemoryLeadDirectory().putAll(leads);
    }
}
