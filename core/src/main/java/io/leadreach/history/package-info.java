/**
 * What happened, as consoles show it: a campaign's recipients page by page, the message log, the
 * replies, a lead's WhatsApp timeline (messages and replies merged, with its consent) and its
 * attachments. {@link io.leadreach.history.MessageHistoryService} reads them; it changes nothing.
 */
package io.leadreach.history;
