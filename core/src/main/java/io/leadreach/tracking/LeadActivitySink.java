package io.leadreach.tracking;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port through which the host CRM hears of a lead's WhatsApp activity, such as a reply, to
 * show it on the lead's timeline, notify the assignee or update last-contact dates.
 *
 * <p>Called by {@link Tracking} on the thread that applies the event, at most once per
 * inbound message id. Implementations should be quick and must not throw; an exception is logged
 * and swallowed (the event still counts as applied).
 */
@FunctionalInterface
public interface LeadActivitySink {

    /** A sink that only logs at debug level: the default when the host gives none. */
    LeadActivitySink LOGGING = new LeadActivitySink() {
        private final Logger log = LoggerFactory.getLogger(LeadActivitySink.class);

        @Override
        public void onReply(LeadReply reply) {
            log.debug("reply from lead {} (campaign {}, message {})", reply.leadId(), reply.campaignId(),
                    reply.messageId());
        }
    };

    /** A lead wrote to the business. */
    void onReply(LeadReply reply);
}
