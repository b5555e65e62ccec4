-- How a recipient held IN_DOUBT was let out (InDoubtResolution): TREAT_AS_SENT or SEND_AGAIN by an
-- operator, SENT_UNCONFIRMED by the automatic reconciliation; who decided and when.
ALTER TABLE lead_whatsapp_campaign_leads ADD resolution VARCHAR(20);
ALTER TABLE lead_whatsapp_campaign_leads ADD resolved_by VARCHAR(200);
ALTER TABLE lead_whatsapp_campaign_leads ADD resolved_at ${timestamp};

-- The reconciliation's query: recipients IN_DOUBT, oldest change first.
CREATE INDEX lwa_campaign_leads_status_updated ON lead_whatsapp_campaign_leads (status, updated_at);
