/**
 * What happens after a message leaves: status events, inbound replies, consent and template
 * status changes, as providers report them (usually by webhook), and the port through which
 * replies reach the host CRM.
 */
package io.leadreach.tracking;
