package io.leadreach.history;

import io.leadreach.attachment.StoredAttachment;
import java.time.Instant;
import java.util.Objects;

/**
 * An attachment sent to a lead with one message.
 *
 * @param messageId  the message it went with
 * @param attachment the stored file's description
 * @param sentAt     when the message was created
 */
public record LeadAttachment(long messageId, StoredAttachment attachment, Instant sentAt) {
    public LeadAttachment {
        Objects.requireNonNull(attachment, "attachment");
    }
}
