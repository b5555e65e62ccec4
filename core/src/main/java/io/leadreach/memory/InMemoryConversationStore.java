package io.leadreach.memory;

import io.leadreach.tracking.ConversationStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConversationStore} in memory. It remembers the latest {@link #DEDUPLICATION_HORIZON}
 * inbound ids to drop repeats.
 */
public final class InMemoryConversationStore implements ConversationStore {

    /** The pair's latest inbound time, by business number id, then E.164 number. */
    private final Map<Pair, Instant> lastInbound = new ConcurrentHashMap<>();

    /** The latest inbound time of a number, to any business number. */
    private final Map<String, Instant> lastInboundAny = new ConcurrentHashMap<>();

    private record Pair(String senderId, String e164) {
        Pair {
            Objects.requireNonNull(senderId, "senderId");
            Objects.requireNonNull(e164, "e164");
        }
    }
    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DEDUPLICATION_HORIZON;
        }
    };

    @Override
    public boolean recordInbound(String senderId, String e164, String inboundMessageId, Instant at) {
        Pair pair = new Pair(senderId, e164);
        synchronized (seen) {
            if (seen.putIfAbsent(inboundMessageId, Boolean.TRUE) != null) {
                return false;
            }
        }
        lastInbound.merge(pair, at, (old, neu) -> neu.isAfter(old) ? neu : old);
        lastInboundAny.merge(e164, at, (old, neu) -> neu.isAfter(old) ? neu : old);
        return true;
    }

    @Override
    public Optional<Instant> lastInboundAt(String senderId, String e164) {
        return Optional.ofNullable(lastInbound.get(new Pair(senderId, e164)));
    }

    @Override
    public Optional<Instant> lastInboundAt(String e164) {
        return Optional.ofNullable(lastInboundAny.get(e164));
    }
}
