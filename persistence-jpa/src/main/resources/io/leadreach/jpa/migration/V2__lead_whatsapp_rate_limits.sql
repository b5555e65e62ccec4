-- The token buckets of Bucket4jRateLimiter, the throttle shared by all nodes: one row per key
-- (sender, campaign, lead pacing) holding Bucket4j's serialised state, and when an idle bucket
-- may be forgotten (epoch milliseconds).

CREATE TABLE lead_whatsapp_rate_limits (
    id                       VARCHAR(255)  NOT NULL PRIMARY KEY,
    state                    ${binary},
    expires_at               BIGINT
)${table_options};

CREATE INDEX lwa_rate_limits_expiry ON lead_whatsapp_rate_limits (expires_at);
