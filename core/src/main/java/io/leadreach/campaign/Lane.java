package io.leadreach.campaign;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/** One lane of one campaign's drive on this node: its lock, its pending timer, and its sends under way. */
final class Lane {
    final long campaignId;
    final int index;
    final ReentrantLock lock = new ReentrantLock();
    /** Set when a run found the lane busy: the running drive runs once more when it is done. */
    final AtomicBoolean again = new AtomicBoolean();
    /** Sends of this lane handed to the transport and not yet settled. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** Whether the lane went idle with sends under way, so that the last of them to settle wakes it. */
    volatile boolean waitingForInFlight;
    /** When the lane's pending timer fires, and the token that tells it from a replaced one (guarded by this). */
    Instant timerAt;
    long timerToken;

    Lane(long campaignId, int index) {
        this.campaignId = campaignId;
        this.index = index;
    }
}
