package io.leadreach.memory;

import io.leadreach.contract.AnalyticsStoreContract;

class InMemoryAnalyticsStoreTest extends AnalyticsStoreContract {

    @Override
    protected Stores newStores() {
        InMemoryMessageStore messages = new InMemoryMessageStore();
        InMemoryCampaignStore campaigns = new InMemoryCampaignStore();
        return new Stores(messages, campaigns, new InMemoryAnalyticsStore(messages, campaigns));
    }
}
