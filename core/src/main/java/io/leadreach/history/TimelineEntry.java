package io.leadreach.history;

import io.leadreach.message.LeadMessage;
import io.leadreach.tracking.ReplyStore.RecordedReply;
import java.time.Instant;
import java.util.Objects;

/** One entry of a lead's WhatsApp timeline: a message to the lead or a reply from it. */
public sealed interface TimelineEntry {

    /** When it happened: a message's creation, a reply's receipt. */
    Instant at();

    /**
     * A message sent (or being sent) to the lead.
     *
     * @param message      the message as the log holds it
     * @param campaignName the name of its campaign, or null (no campaign, or the campaign is gone)
     */
    record Outgoing(LeadMessage message, String campaignName) implements TimelineEntry {
        public Outgoing {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Instant at() {
            return message.createdAt();
        }
    }

    /**
     * A message the lead wrote.
     *
     * @param reply the reply as the reply log holds it
     */
    record Incoming(RecordedReply reply) implements TimelineEntry {
        public Incoming {
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public Instant at() {
            return reply.reply().receivedAt();
        }
    }
}
