package io.leadreach.history;

import io.leadreach.campaign.RecipientStatus;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.security.Actor;
import io.leadreach.tracking.ReplyStore.RecordedReply;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Reads what was sent and received, for consoles and a lead's WhatsApp tab; it changes nothing.
 * Pages are keyset pages of at most {@link #MAX_LIMIT} entries (a limit outside 1 to
 * {@code MAX_LIMIT} is refused with a {@link io.leadreach.ValidationException} on {@code limit}).
 *
 * <p>Permissions: the campaign-wide reads (recipients, message log, replies) need
 * {@code lead-whatsapp-campaign-view}; a lead's own history and attachments need
 * {@code lead-whatsapp-send} or {@code lead-whatsapp-campaign-view}, since a user who may message
 * a lead, or see campaigns, may see what the lead was sent.
 */
public interface MessageHistoryService {

    /** The largest page. */
    int MAX_LIMIT = 500;

    /**
     * A page of a campaign's recipients in these statuses (all when empty) with ids above
     * {@code afterId}, with their leads.
     *
     * @throws io.leadreach.NotFoundException when there is no such campaign
     */
    RecipientPage recipients(Actor actor, long campaignId, Set<RecipientStatus> statuses, long afterId, int limit);

    /** A page of the message log, oldest first: messages passing {@code filter} with ids above {@code afterId}. */
    List<LeadMessage> messages(Actor actor, MessageFilter filter, long afterId, int limit);

    /** A page of the replies matched to leads, oldest first, with ids above {@code afterId}. */
    List<RecordedReply> replies(Actor actor, long afterId, int limit);

    /**
     * A page of the lead's timeline, newest first: its messages and replies merged.
     *
     * @param before the {@link LeadTimeline#nextCursor()} of the previous page, or null for the newest
     * @throws io.leadreach.NotFoundException   when the lead does not exist
     * @throws io.leadreach.ValidationException when the cursor is malformed ({@code before})
     */
    LeadTimeline leadTimeline(Actor actor, long leadId, String before, int limit);

    /**
     * The attachments sent to the lead, newest first (from its latest messages: at most
     * {@link #MAX_ATTACHMENT_SCAN} messages are looked at).
     *
     * @throws io.leadreach.NotFoundException when the lead does not exist
     */
    List<LeadAttachment> leadAttachments(Actor actor, long leadId);

    /** How many of a lead's latest messages {@link #leadAttachments} looks at. */
    int MAX_ATTACHMENT_SCAN = 5_000;

    /**
     * The attachment of a message, with its bytes.
     *
     * @throws io.leadreach.NotFoundException when the message does not exist or has no attachment
     *                                        (kind {@code attachment})
     */
    AttachmentContent attachment(Actor actor, long messageId);

    /**
     * A stored attachment and a way to read it.
     *
     * @param attachment its description
     * @param opener     opens a fresh stream of its bytes (the caller closes it)
     */
    record AttachmentContent(LeadAttachment attachment, Opener opener) {
    }

    /** Opens an attachment's bytes. */
    @FunctionalInterface
    interface Opener {
        /** A fresh stream at the start of the file. */
        InputStream open() throws java.io.IOException;
    }
}
