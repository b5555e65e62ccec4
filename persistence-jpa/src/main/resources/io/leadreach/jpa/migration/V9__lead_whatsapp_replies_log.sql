-- The log of leads' replies (JpaReplyStore): every inbound message matched to one lead, kept so
-- consoles can list replies and a lead's timeline. One row per inbound provider message id.

CREATE TABLE lead_whatsapp_replies (
    id                       ${id_column},
    lead_id                  BIGINT        NOT NULL,
    mobile                   VARCHAR(32)   NOT NULL,
    body                     ${text},
    button_payload           VARCHAR(1000),
    provider_message_id      VARCHAR(200)  NOT NULL,
    message_id               BIGINT,
    campaign_id              BIGINT,
    consent_effect           VARCHAR(20)   NOT NULL,
    received_at              ${timestamp}  NOT NULL,
    CONSTRAINT lwa_replies_provider_id UNIQUE (provider_message_id)
)${table_options};

-- A lead's replies, newest first.
CREATE INDEX lwa_replies_lead ON lead_whatsapp_replies (lead_id, id);

