package io.leadreach.internal;

import io.leadreach.DuplicateKeyException;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStore;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes sent messages to the log even when the provider id they carry is already held by another
 * logged message. The provider issued the id for this send, so the id (and the status reports
 * under it) belong to this message: the old holder gives it up
 * ({@link MessageStore#releaseProviderId}); a store that cannot do that gets this message without
 * its provider id, so the row is never lost and no report lands on the wrong message.
 */
public final class MessageLog {

    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);

    private MessageLog() {
    }

    /**
     * Saves the message as {@link MessageStore#save} does. A clash on its correlation id (the message
     * was logged already) is let through as the store's {@link DuplicateKeyException}; a clash on
     * its provider id with a message of another correlation id is resolved as the class describes.
     */
    public static LeadMessage save(MessageStore store, LeadMessage message) {
        try {
            return store.save(message);
        } catch (DuplicateKeyException clash) {
            String providerId = message.providerMessageId();
            if (providerId == null) {
                throw clash;
            }
            Optional<LeadMessage> holder = store.findByProviderMessageId(providerId);
            if (holder.isEmpty() || Objects.equals(holder.get().correlationId(), message.correlationId())
                    || (message.id() == 0 && message.correlationId() != null
                    && store.findByCorrelationId(message.correlationId()).isPresent())) {
                throw clash; // not the provider id's doing, or this very message was logged already
            }
            log.warn("provider id {} of the message to {} ({}) is held by message {} (correlation {}), logged {}:"
                            + " the provider issued it again, so the old message gives it up", providerId,
                    message.mobile(), message.correlationId(), holder.get().id(), holder.get().correlationId(),
                    holder.get().createdAt());
            if (store.releaseProviderId(providerId, message.correlationId())) {
                try {
                    return store.save(message);
                } catch (DuplicateKeyException again) {
                    log.warn("provider id {} was taken again meanwhile", providerId, again);
                }
            }
            log.warn("logging the message to {} ({}) without its provider id {}, which another message holds",
                    message.mobile(), message.correlationId(), providerId);
            return store.save(message.withProviderMessageId(null));
        }
    }
}
