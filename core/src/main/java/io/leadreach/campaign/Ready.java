package io.leadreach.campaign;

import io.leadreach.lead.Lead;
import io.leadreach.sending.SenderNumber;
import io.leadreach.transport.MessageContent;

/** A claimed recipient that passed every pre-send check, with what to send it and from which number. */
record Ready(CampaignRecipient recipient, Lead lead, String e164, String body, String correlationId,
             MessageContent content, SenderNumber from) {
}
