-- WhatsApp's 24-hour service window (JpaConversationStore): when each E.164 number last wrote to
-- the business, and the provider ids of the inbound messages already handled, so a webhook
-- delivered twice is handed to the host once. Replies per campaign live in
-- lead_whatsapp_campaign_leads.replied_at (V3).

CREATE TABLE lead_whatsapp_conversations (
    mobile                   VARCHAR(32)   NOT NULL PRIMARY KEY,
    last_inbound_at          ${timestamp}  NOT NULL
)${table_options};

CREATE TABLE lead_whatsapp_inbound_ids (
    provider_message_id      VARCHAR(200)  NOT NULL PRIMARY KEY,
    mobile                   VARCHAR(32)   NOT NULL,
    received_at              ${timestamp}  NOT NULL
)${table_options};

-- Forgetting old ids (JpaConversationStore.forgetInboundIdsBefore).
CREATE INDEX lwa_inbound_ids_received ON lead_whatsapp_inbound_ids (received_at);
