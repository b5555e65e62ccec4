package io.leadreach.campaign;

import io.leadreach.StoreUnavailableException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Store calls of the runner that are tried again while the store reports its database out of reach. */
final class StoreRetry {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    private final Duration lease;
    private final BooleanSupplier closed;

    StoreRetry(Duration lease, BooleanSupplier closed) {
        this.lease = lease;
        this.closed = closed;
    }

    /**
     * Runs a store call, trying it again with backoff (50 ms doubling to 2 s) while the store
     * reports its database out of reach, for up to the lease; then lets the failure through. Once
     * the runner is closed, a failure is let through at once.
     */
    <T> T whileStoreUnavailable(String what, Supplier<T> call) {
        long deadline = System.nanoTime() + lease.toNanos();
        long pause = 50;
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                if (closed.getAsBoolean() || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                log.warn("{}: the store is out of reach ({}); trying again in {} ms", what, e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(2_000, pause * 2);
            }
        }
    }
}
