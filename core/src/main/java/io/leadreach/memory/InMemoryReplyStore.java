package io.leadreach.memory;

import io.leadreach.tracking.LeadReply;
import io.leadreach.tracking.ReplyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A {@link ReplyStore} in memory. */
public final class InMemoryReplyStore implements ReplyStore {

    private final NavigableMap<Long, RecordedReply> byId = new TreeMap<>();
    private final Map<String, RecordedReply> byProviderId = new HashMap<>();
    private long lastId;

    @Override
    public synchronized RecordedReply record(LeadReply reply) {
        RecordedReply known = byProviderId.get(reply.providerMessageId());
        if (known != null) {
            return known;
        }
        RecordedReply r = new RecordedReply(++lastId, reply);
        byId.put(r.id(), r);
        byProviderId.put(reply.providerMessageId(), r);
        return r;
    }

    @Override
    public synchronized List<RecordedReply> page(long afterId, int limit) {
        List<RecordedReply> out = new ArrayList<>();
        for (RecordedReply r : byId.tailMap(afterId, false).values()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    @Override
    public synchronized List<RecordedReply> pageByLead(long leadId, long beforeId, int limit) {
        List<RecordedReply> out = new ArrayList<>();
        for (RecordedReply r : byId.headMap(beforeId, false).descendingMap().values()) {
            if (out.size() >= limit) {
                break;
            }
            if (r.reply().leadId() == leadId) {
                out.add(r);
            }
        }
        return out;
    }
}
