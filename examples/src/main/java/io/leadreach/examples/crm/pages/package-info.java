/**
 * The demo CRM's own pages, server-rendered with Thymeleaf (templates under
 * {@code templates/crm}, one stylesheet and one script under {@code static/assets}, nothing inline,
 * so they work under {@code Content-Security-Policy: default-src 'self'}): the sign-in page, the
 * lead index with filters, paging and a selection for LeadReach's bulk send, a lead's page with the
 * mount point of LeadReach's WhatsApp tab, and the customers. The pages answer {@code text/html} at
 * the paths of the JSON routes of {@link io.leadreach.examples.crm.CrmController}, which keep
 * answering API clients.
 *
 * <p>What LeadReach's embeddable pieces read from these pages:
 * <ul>
 *   <li>Bulk send: the selected leads are the checked {@code <input type="checkbox"
 *       name="lead_ids" value="{lead id}">} of {@code <form id="crm-lead-selection">}; the button
 *       that opens the send dialog is {@code <button data-leadreach-bulk-send="#crm-lead-selection">}
 *       (its attribute is the selector of that form; disabled while nothing is selected), and the
 *       dialog mounts into {@code <div id="leadreach-bulk-send"></div>}.</li>
 *   <li>A lead's WhatsApp tab mounts into {@code <div id="leadreach-lead-tab" data-lead-id="{lead id}"></div>}.</li>
 *   <li>Every page has {@code <meta name="_csrf">} and {@code <meta name="_csrf_header">}: the CSRF
 *       token of the session, which LeadReach's routes accept too.</li>
 * </ul>
 */
package io.leadreach.examples.crm.pages;
