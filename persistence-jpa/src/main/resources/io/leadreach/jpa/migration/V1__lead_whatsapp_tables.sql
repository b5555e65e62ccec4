-- LeadReach's own tables. One script for every database: the placeholders are filled in by
-- io.leadreach.jpa.internal.Dialect (column types that differ between PostgreSQL, MariaDB and H2).
-- Nothing here touches a table the library does not own.

CREATE TABLE lead_whatsapp_campaigns (
    id                       ${id_column},
    name                     VARCHAR(200)  NOT NULL,
    description              ${text},
    kind                     VARCHAR(20)   NOT NULL,
    template_id              BIGINT,
    body                     ${text}       NOT NULL,
    attachment_id            VARCHAR(200),
    attachment_filename      VARCHAR(255),
    attachment_mime_type     VARCHAR(100),
    attachment_size          BIGINT,
    attachment_sha256        VARCHAR(64),
    binding_name             VARCHAR(200),
    binding_language         VARCHAR(20),
    binding_parameters       ${text},
    status                   VARCHAR(20)   NOT NULL,
    target_criteria          ${text}       NOT NULL,
    scheduled_at             ${timestamp},
    messages_per_minute      INTEGER       NOT NULL,
    retry_max_attempts       INTEGER       NOT NULL,
    retry_initial_backoff    VARCHAR(40)   NOT NULL,
    retry_multiplier         DOUBLE PRECISION NOT NULL,
    retry_max_backoff        VARCHAR(40)   NOT NULL,
    retry_jitter             DOUBLE PRECISION NOT NULL,
    created_by               VARCHAR(200),
    created_at               ${timestamp},
    started_at               ${timestamp},
    completed_at             ${timestamp},
    status_reason            VARCHAR(1000),
    materialized             BOOLEAN       NOT NULL,
    materialized_up_to       BIGINT        NOT NULL
)${table_options};

CREATE INDEX lwa_campaigns_status ON lead_whatsapp_campaigns (status);

CREATE TABLE lead_whatsapp_campaign_leads (
    id                       ${id_column},
    campaign_id              BIGINT        NOT NULL,
    lead_id                  BIGINT        NOT NULL,
    status                   VARCHAR(20)   NOT NULL,
    attempts                 INTEGER       NOT NULL,
    next_attempt_at          ${timestamp},
    owner                    VARCHAR(200),
    lease_until              ${timestamp},
    correlation_id           VARCHAR(100),
    provider_message_id      VARCHAR(200),
    sent_at                  ${timestamp},
    delivered_at             ${timestamp},
    read_at                  ${timestamp},
    error_code               VARCHAR(100),
    error_message            ${text},
    retryable                BOOLEAN       NOT NULL,
    skip_reason              VARCHAR(40),
    created_at               ${timestamp}  NOT NULL,
    updated_at               ${timestamp}  NOT NULL,
    CONSTRAINT lwa_campaign_leads_lead UNIQUE (campaign_id, lead_id),
    CONSTRAINT lwa_campaign_leads_corr UNIQUE (correlation_id),
    CONSTRAINT lwa_campaign_leads_campaign FOREIGN KEY (campaign_id)
        REFERENCES lead_whatsapp_campaigns (id) ON DELETE CASCADE
)${table_options};

-- The claim query: a campaign's PENDING recipients by due time.
CREATE INDEX lwa_campaign_leads_claim ON lead_whatsapp_campaign_leads (campaign_id, status, next_attempt_at);
-- Lease expiry: a campaign's CLAIMED and SENDING recipients by lease end.
CREATE INDEX lwa_campaign_leads_lease ON lead_whatsapp_campaign_leads (campaign_id, status, lease_until);
CREATE INDEX lwa_campaign_leads_provider ON lead_whatsapp_campaign_leads (provider_message_id);

CREATE TABLE lead_whatsapp_messages (
    id                       ${id_column},
    lead_id                  BIGINT        NOT NULL,
    mobile                   VARCHAR(32),
    body                     ${text},
    attachment_id            VARCHAR(200),
    attachment_filename      VARCHAR(255),
    attachment_mime_type     VARCHAR(100),
    attachment_size          BIGINT,
    attachment_sha256        VARCHAR(64),
    status                   VARCHAR(20)   NOT NULL,
    sent_by                  VARCHAR(200),
    campaign_id              BIGINT,
    correlation_id           VARCHAR(100),
    provider_message_id      VARCHAR(200),
    error_code               VARCHAR(100),
    error_message            ${text},
    raw_response             ${text},
    attempts                 INTEGER       NOT NULL,
    created_at               ${timestamp}  NOT NULL,
    sent_at                  ${timestamp},
    delivered_at             ${timestamp},
    read_at                  ${timestamp},
    failed_at                ${timestamp},
    CONSTRAINT lwa_messages_corr UNIQUE (correlation_id),
    CONSTRAINT lwa_messages_provider UNIQUE (provider_message_id)
)${table_options};

CREATE INDEX lwa_messages_lead ON lead_whatsapp_messages (lead_id, id);
CREATE INDEX lwa_messages_created ON lead_whatsapp_messages (created_at);
CREATE INDEX lwa_messages_campaign ON lead_whatsapp_messages (campaign_id);

CREATE TABLE lead_whatsapp_templates (
    id                       ${id_column},
    name                     VARCHAR(200)  NOT NULL,
    category                 VARCHAR(20)   NOT NULL,
    body                     ${text}       NOT NULL,
    attachment_id            VARCHAR(200),
    attachment_filename      VARCHAR(255),
    attachment_mime_type     VARCHAR(100),
    attachment_size          BIGINT,
    attachment_sha256        VARCHAR(64),
    active                   BOOLEAN       NOT NULL,
    usage_count              BIGINT        NOT NULL,
    created_by               VARCHAR(200),
    created_at               ${timestamp},
    binding_name             VARCHAR(200),
    binding_language         VARCHAR(20),
    binding_parameters       ${text},
    CONSTRAINT lwa_templates_name UNIQUE (name)
)${table_options};

CREATE TABLE lead_whatsapp_opt_outs (
    mobile                   VARCHAR(32)   NOT NULL PRIMARY KEY,
    opted_out                BOOLEAN       NOT NULL,
    source                   VARCHAR(100),
    changed_at               ${timestamp}  NOT NULL
)${table_options};
