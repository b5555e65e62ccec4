package io.leadreach.memory;

import io.leadreach.tracking.ConversationStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConversationStore} in memory. It remembers the latest {@link #DEDUPLICATION_HORIZON}
 * inbound ids to drop repeats.
 */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<String, Instant> lastInbound = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DEDUPLICATION_HORIZON;
        }
    };

    @Override
    public boolean recordInbound(String e164, String inboundMessageId, Instant at) {
        synchronized (seen) {
            if (seen.putIfAbsent(inboundMessageId, Boolean.TRUE) != null) {
                return false;
            }
        }
        lastInbound.merge(e164, at, (old, neu) -> neu.isAfter(old) ? neu : old);
        return true;
    }

    @Override
    public Optional<Instant> lastInboundAt(String e164) {
        return Optional.ofNullable(lastInbound.get(e164));
    }
}
