package io.leadreach.metrics;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ways to combine {@link EngineObserver}s. */
public final class EngineObservers {

    private static final Logger log = LoggerFactory.getLogger(EngineObservers.class);

    private EngineObservers() {
    }

    /**
     * One observer that tells each of these, in order; one that throws is logged and the others
     * still hear. No observers: {@link EngineObserver#NOOP}; one: that one itself.
     */
    public static EngineObserver composite(List<? extends EngineObserver> observers) {
        List<EngineObserver> all = List.copyOf(observers);
        if (all.isEmpty()) {
            return EngineObserver.NOOP;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return new EngineObserver() {
            @Override
            public void onSent(Duration latency) {
                each(all, o -> o.onSent(latency));
            }

            @Override
            public void onFailed(String reason, Duration latency) {
                each(all, o -> o.onFailed(reason, latency));
            }

            @Override
            public void onWebhookEvent(String kind) {
                each(all, o -> o.onWebhookEvent(kind));
            }

            @Override
            public void onAttachmentScan(String outcome) {
                each(all, o -> o.onAttachmentScan(outcome));
            }

            @Override
            public void bindQueueDepth(LongSupplier depth) {
                each(all, o -> o.bindQueueDepth(depth));
            }
        };
    }

    private static void each(List<EngineObserver> all, Consumer<EngineObserver> call) {
        for (EngineObserver o : all) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                log.warn("engine observer {} failed", o.getClass().getName(), e);
            }
        }
    }
}
