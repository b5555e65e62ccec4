-- Follow-up automation: the rules, and the occurrences each rule fired for each lead. The unique
-- key (rule, lead, occurrence) is what makes a rule fire at most once per occurrence, across nodes:
-- the insert that loses the race is refused by the database.

CREATE TABLE lead_whatsapp_automation_rules (
    id                       ${id_column},
    name                     VARCHAR(200)  NOT NULL,
    trigger_type             VARCHAR(40)   NOT NULL,
    days_value               INTEGER,
    from_status              VARCHAR(100),
    to_status                VARCHAR(100),
    template_id              BIGINT        NOT NULL,
    criteria                 ${text}       NOT NULL,
    active                   BOOLEAN       NOT NULL,
    created_at               ${timestamp}  NOT NULL,
    updated_at               ${timestamp}  NOT NULL
)${table_options};

CREATE TABLE lead_whatsapp_automation_fired (
    id                       ${id_column},
    rule_id                  BIGINT        NOT NULL,
    lead_id                  BIGINT        NOT NULL,
    occurrence_key           VARCHAR(64)   NOT NULL,
    fired_at                 ${timestamp}  NOT NULL,
    CONSTRAINT lwa_automation_fired_once UNIQUE (rule_id, lead_id, occurrence_key)
)${table_options};

-- The provider's review status of a template's WhatsApp binding, from template status webhooks.

ALTER TABLE lead_whatsapp_templates ADD binding_status VARCHAR(40);
ALTER TABLE lead_whatsapp_templates ADD binding_status_at ${timestamp};
