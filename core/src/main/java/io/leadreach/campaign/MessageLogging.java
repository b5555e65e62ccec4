package io.leadreach.campaign;

import io.leadreach.DuplicateKeyException;
import io.leadreach.internal.Wiring;
import io.leadreach.internal.LeadVariables;
import io.leadreach.internal.MessageLog;
import io.leadreach.lead.Lead;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.template.TemplateRenderer;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The message-log rows of final settlements (SENT or FAILED), written through the store retries. */
final class MessageLogging {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    private final Wiring engine;
    private final StoreRetry retry;

    MessageLogging(Wiring engine, StoreRetry retry) {
        this.engine = engine;
        this.retry = retry;
    }

    /** Logs the messages in one store call; if one clashes with a logged one, logs the others one by one. */
    void saveMessages(List<LeadMessage> logs) {
        if (logs.isEmpty()) {
            return;
        }
        try {
            retry.whileStoreUnavailable("logging " + logs.size() + " messages", () -> {
                engine.messages().insertAll(logs);
                return null;
            });
        } catch (DuplicateKeyException clash) {
            // Already logged (a commit whose answer was lost, then tried again): keep the first. A
            // provider id another message holds (the provider issued it again) goes to the new one.
            // Only a clash: any other failure (a closed store, say) is let through to be reported.
            for (LeadMessage m : logs) {
                try {
                    retry.whileStoreUnavailable("logging a message", () -> MessageLog.save(engine.messages(), m));
                } catch (DuplicateKeyException duplicate) {
                    log.debug("message {} was logged already", m.correlationId());
                }
            }
        }
    }

    /**
     * The log entry of a settlement that arrived after the send (a status event, or a doubt
     * resolved), its lead and body looked up again; null for retries and doubts.
     */
    LeadMessage laterMessage(Campaign c, CampaignRecipient r, Settlement settlement, Instant now) {
        Lead lead = engine.leads().findById(r.leadId()).orElse(null);
        return message(c, r.leadId(), r.correlationId(), r.attempts(),
                lead == null ? null : engine.phones().tryE164(lead.mobile()).orElse(null),
                lead == null ? null : render(c, lead), settlement, now, null, engine.senderIdFor(c, r.leadId()));
    }

    private String render(Campaign c, Lead lead) {
        TemplateRenderer renderer = engine.renderer();
        return renderer.render(renderer.compile(c.body()), LeadVariables.of(lead));
    }

    /** The log entry of a final settlement (SENT or FAILED); null for retries and doubts, logged when they settle. */
    static LeadMessage message(Campaign c, long leadId, String correlationId, int attempts, String e164,
                               String body, Settlement settlement, Instant now, String raw, String senderNumber) {
        MessageStatus status;
        String code = null;
        String text = null;
        String providerId = null;
        if (settlement instanceof Settlement.Sent s) {
            status = MessageStatus.SENT;
            providerId = s.providerMessageId();
        } else if (settlement instanceof Settlement.Failed f) {
            status = MessageStatus.FAILED;
            code = f.errorCode();
            text = f.errorMessage();
        } else {
            return null;
        }
        return LeadMessage.builder().leadId(leadId).mobile(e164).body(body).attachment(c.attachment()).status(status)
                .sentBy(c.createdBy()).campaignId(c.id()).correlationId(correlationId).providerMessageId(providerId)
                .errorCode(code).errorMessage(text).rawResponse(raw).attempts(attempts).createdAt(now)
                .sentAt(status == MessageStatus.SENT ? now : null).failedAt(status == MessageStatus.FAILED ? now : null)
                .senderNumber(senderNumber).build();
    }
}
