-- Replies per campaign: when the lead first answered the message of its send attempt.

ALTER TABLE lead_whatsapp_campaign_leads ADD replied_at ${timestamp};
