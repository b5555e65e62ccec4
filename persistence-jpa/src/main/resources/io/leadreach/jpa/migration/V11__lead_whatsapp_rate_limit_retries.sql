-- The retry settings of sends refused for rate limits (RetryPolicy.rateLimitedAttempts,
-- rateLimitInitialBackoff, rateLimitMaxBackoff). Existing campaigns get the values the engine used
-- before these were settings: 10 attempts, 1 s doubling to at most a minute.
ALTER TABLE lead_whatsapp_campaigns ADD retry_rate_limited_attempts INTEGER DEFAULT 10 NOT NULL;
ALTER TABLE lead_whatsapp_campaigns ADD retry_rate_limit_initial_backoff VARCHAR(40) DEFAULT 'PT1S' NOT NULL;
ALTER TABLE lead_whatsapp_campaigns ADD retry_rate_limit_max_backoff VARCHAR(40) DEFAULT 'PT1M' NOT NULL;
