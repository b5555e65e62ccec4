package io.leadreach.memory;

import io.leadreach.contract.CampaignStoreContract;
import io.leadreach.campaign.CampaignStore;

class InMemoryCampaignStoreTest extends CampaignStoreContract {

    @Override
    protected CampaignStore newStore() {
        return new InMemoryCampaignStore();
    }
}
