/**
 * The message log: every WhatsApp message sent to a lead, with a status that only ever moves
 * forward (PENDING, QUEUED, SENT, DELIVERED, READ; FAILED terminal).
 */
package io.leadreach.message;
