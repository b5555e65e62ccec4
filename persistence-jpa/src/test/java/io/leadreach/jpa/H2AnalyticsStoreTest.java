package io.leadreach.jpa;

import io.leadreach.contract.AnalyticsStoreContract;

/** The AnalyticsStore contract on H2. */
class H2AnalyticsStoreTest extends AnalyticsStoreContract {

    @Override
    protected Stores newStores() {
        TestDatabase db = TestDatabase.H2;
        db.clear("lead_whatsapp_messages", "lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns");
        return new Stores(new JpaMessageStore(db.emf()), new JpaCampaignStore(db.emf()),
                new JpaAnalyticsStore(db.emf()));
    }
}
