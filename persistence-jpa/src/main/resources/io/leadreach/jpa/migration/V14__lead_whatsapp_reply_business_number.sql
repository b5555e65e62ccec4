-- The business number each reply was written to (issue 15, several sender numbers): a registered
-- sender number id; NULL for the replies recorded before, whose number is not known.
ALTER TABLE lead_whatsapp_replies ADD business_number_id VARCHAR(64);
