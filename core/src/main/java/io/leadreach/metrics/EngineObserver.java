package io.leadreach.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Hears what the engine does, for metrics: every send's outcome and latency (single, bulk and
 * campaign sends alike), every tracking event applied from a webhook, every attachment's virus
 * scan, and where to read the depth of the send queue. Pass one to {@link io.leadreach.LeadReach.Builder#observer(EngineObserver)};
 * the Spring starter binds one to Micrometer.
 *
 * <p>Methods are called on the engine's threads, often concurrently, and must return quickly and
 * never throw (what they throw is logged and dropped). Every method has a no-op default.
 */
public interface EngineObserver {

    /** The observer that does nothing (the default). */
    EngineObserver NOOP = new EngineObserver() {
    };

    /** Reason of {@link #onFailed} for a send whose outcome is unknown (timeout, or the transport threw). */
    String REASON_UNKNOWN = "unknown";

    /** Outcome of {@link #onAttachmentScan}: scanned and clean. */
    String SCAN_CLEAN = "clean";
    /** Outcome of {@link #onAttachmentScan}: scanned, infected, refused. */
    String SCAN_INFECTED = "infected";
    /** Outcome of {@link #onAttachmentScan}: not scanned (scanner down, file too large), refused ({@code required}). */
    String SCAN_REFUSED = "refused";
    /** Outcome of {@link #onAttachmentScan}: not scanned, accepted anyway ({@code best-effort}). */
    String SCAN_UNSCANNED = "unscanned";

    /** The provider accepted a message; {@code latency} from the call to the answer. */
    default void onSent(Duration latency) {
    }

    /**
     * A send did not go through: {@code reason} is the provider error class in lower case
     * ({@code retryable}, {@code rate_limited}, {@code permanent}, ...) or {@link #REASON_UNKNOWN}.
     * A retryable failure may be tried again later; each attempt is reported.
     */
    default void onFailed(String reason, Duration latency) {
    }

    /**
     * A tracking event was handed to the tracker: {@code kind} is {@code status}, {@code inbound},
     * {@code consent} or {@code template_status}.
     */
    default void onWebhookEvent(String kind) {
    }

    /**
     * An attachment passed the policy and went to the virus scanner: {@code outcome} is
     * {@link #SCAN_CLEAN}, {@link #SCAN_INFECTED}, {@link #SCAN_REFUSED} or {@link #SCAN_UNSCANNED}.
     */
    default void onAttachmentScan(String outcome) {
    }

    /**
     * Called once when the engine is built: {@code depth} reads how many campaign recipients wait to
     * be sent (pending or due for retry) over all ACTIVE campaigns. It queries the campaign store,
     * so read it at a metrics scrape, not per send.
     */
    default void bindQueueDepth(LongSupplier depth) {
    }
}
