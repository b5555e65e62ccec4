package io.leadreach.jpa;

import io.leadreach.contract.CampaignStoreContract;
import io.leadreach.campaign.CampaignStore;

/** The CampaignStore contract on H2. */
class H2CampaignStoreTest extends CampaignStoreContract {

    @Override
    protected CampaignStore newStore() {
        TestDatabase.H2.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns");
        return new JpaCampaignStore(TestDatabase.H2.emf());
    }
}
