/**
 * Leads as the library sees them: read from the host CRM, never owned by it. Holds the lead read
 * model, target criteria, the {@code LeadDirectory} port, and {@link io.leadreach.lead.PhoneNumbers},
 * which turns the mobile numbers a CRM stores into the E.164 form WhatsApp needs.
 */
package io.leadreach.lead;
