package io.leadreach.memory;

import io.leadreach.tracking.LeadActivitySink;
import io.leadreach.tracking.LeadReply;
import java.util.ArrayList;
import java.util.List;

/** A {@link LeadActivitySink} that records what it is handed, for tests and demos. */
public final class InMemoryLeadActivitySink implements LeadActivitySink {

    private final List<LeadReply> replies = new ArrayList<>();

    @Override
    public synchronized void onReply(LeadReply reply) {
        replies.add(reply);
    }

    /** The replies handed over so far, oldest first. */
    public synchronized List<LeadReply> replies() {
        return List.copyOf(replies);
    }
}
