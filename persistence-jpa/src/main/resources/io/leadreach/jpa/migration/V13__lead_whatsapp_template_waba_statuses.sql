-- Template statuses per WhatsApp Business Account (issue 15): Meta approves a template per WABA and
-- names the WABA in its template status webhooks. A JSON object of WABA id to {status, at}; NULL
-- while no report named a WABA. binding_status keeps the status reported without a WABA; the
-- statuses recorded before this migration stay there, as reported without a WABA.
ALTER TABLE lead_whatsapp_templates ADD binding_waba_statuses ${text};
