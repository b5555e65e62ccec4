-- The analytics queries (JpaAnalyticsStore): every figure is a range scan on the time an event
-- happened. Sends by acceptance time (sent_at), the daily series also by delivery and read time,
-- the read heat map by read time (optionally for some leads).

CREATE INDEX lwa_messages_sent ON lead_whatsapp_messages (sent_at);
CREATE INDEX lwa_messages_delivered ON lead_whatsapp_messages (delivered_at);
CREATE INDEX lwa_messages_read ON lead_whatsapp_messages (read_at, lead_id);
