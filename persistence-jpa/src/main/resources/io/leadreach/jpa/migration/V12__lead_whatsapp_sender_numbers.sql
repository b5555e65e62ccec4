-- Several sender numbers (issue 15).
-- A campaign's numbers: a JSON array of sender number ids; NULL for the engine's default number.
ALTER TABLE lead_whatsapp_campaigns ADD sender_numbers ${text};

-- The 24-hour window per business number and lead: when each E.164 number last wrote to each
-- business number. lead_whatsapp_conversations keeps the latest time to any business number.
-- The windows recorded before this migration belong to the one number of a single-number setup,
-- whose id is not known here: they are copied with the sender id '' (no number), which a lookup
-- for any number reads as well. They run out within 24 hours of the upgrade.
CREATE TABLE lead_whatsapp_number_conversations (
    sender_id                VARCHAR(64)   NOT NULL,
    mobile                   VARCHAR(32)   NOT NULL,
    last_inbound_at          ${timestamp}  NOT NULL,
    PRIMARY KEY (sender_id, mobile)
)${table_options};

INSERT INTO lead_whatsapp_number_conversations (sender_id, mobile, last_inbound_at)
    SELECT '', mobile, last_inbound_at FROM lead_whatsapp_conversations;

-- The business number each logged message was sent from; NULL for messages logged before.
ALTER TABLE lead_whatsapp_messages ADD sender_number VARCHAR(64);
