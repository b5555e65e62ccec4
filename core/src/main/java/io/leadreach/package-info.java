/**
 * LeadReach: WhatsApp marketing and lead communication for a CRM. Start at
 * {@link io.leadreach.LeadReach#builder()}, which assembles {@link io.leadreach.LeadWhatsAppService}
 * from ports with in-memory defaults for everything but the transport.
 */
package io.leadreach;
