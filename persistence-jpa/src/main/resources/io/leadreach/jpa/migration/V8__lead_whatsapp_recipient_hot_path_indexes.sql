-- Every step of a send (claim, mark SENDING, settle) rewrites a recipient row and, since status is
-- indexed, every index of it. Two indexes no query needs are dropped to lighten that: lease
-- expiry scans a campaign's CLAIMED and SENDING rows, found through lwa_campaign_leads_claim
-- (campaign_id, status, ...), and nothing looks recipients up by provider message id (status
-- webhooks find them by correlation id).
DROP INDEX lwa_campaign_leads_lease${on_campaign_leads};
DROP INDEX lwa_campaign_leads_provider${on_campaign_leads};
