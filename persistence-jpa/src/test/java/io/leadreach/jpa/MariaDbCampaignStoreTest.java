package io.leadreach.jpa;

import io.leadreach.contract.CampaignStoreContract;
import io.leadreach.campaign.CampaignStore;

/** The CampaignStore contract on MariaDb. */
class MariaDbCampaignStoreTest extends CampaignStoreContract {

    @Override
    protected CampaignStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns");
        return new JpaCampaignStore(TestDatabase.MARIADB.emf());
    }
}
