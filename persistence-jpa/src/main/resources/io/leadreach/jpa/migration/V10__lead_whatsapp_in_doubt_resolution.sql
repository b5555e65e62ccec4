-- How a recipient held IN_DOUBT was let out (InDoubtResolution): TREAT_AS_SENT or SEND_AGAIN by an
-- operator, SENT_UNCONFIRMED by the automatic reconciliation; who decided and when.
ALTER TABLE lead_whatsapp_campaign_leads ADD resolution VARCHAR(20);
ALTER TABLE lead_whatsapp_campaign_leads ADD resolved_by VARCHAR(200);
ALTER TABLE lead_whatsapp_campaign_leads ADD resolved_at ${timestamp};

-- No index for the reconciliation: it reads each campaign's IN_DOUBT rows through
-- lwa_campaign_leads_claim (campaign_id, status, ...), hourly at most. An index on status and
-- updated_at would be rewritten by every step of every send (see V8): with it, the million-recipient
-- benchmark on PostgreSQL fell from 5,564 to 1,808 sends/s.
