/**
 * Leads as the host CRM holds them ({@link io.leadreach.lead.Lead}, read through the
 * {@link io.leadreach.lead.LeadDirectory} port), the criteria that pick a campaign's targets,
 * {@link io.leadreach.lead.PhoneNumbers}, which turns the numbers a CRM stores into the E.164 form
 * WhatsApp needs, and the library's own consent log.
 */
package io.leadreach.lead;
