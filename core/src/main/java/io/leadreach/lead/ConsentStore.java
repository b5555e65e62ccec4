package io.leadreach.lead;

import java.time.Instant;
import java.util.Optional;

/**
 * The library's own record of who opted out of WhatsApp messages, keyed by E.164 number (consent
 * follows the number, so two leads sharing a number share it). Checked before every send.
 *
 * <p>Contract: {@link #optOut} and {@link #optIn} are idempotent; the latest change by timestamp
 * wins, so a stale event replayed late does not undo a newer one.
 */
public interface ConsentStore {

    /** One number's current consent state. */
    record Consent(String mobile, boolean optedOut, String source, Instant changedAt) {
    }

    /** Records an opt-out; ignored when a newer change is already recorded. */
    void optOut(String e164, String source, Instant at);

    /** Records an opt-in (resume); ignored when a newer change is already recorded. */
    void optIn(String e164, String source, Instant at);

    /** The recorded state of this number, if any change was ever recorded. */
    Optional<Consent> find(String e164);

    /** Whether the number is currently opted out. */
    default boolean isOptedOut(String e164) {
        return find(e164).map(Consent::optedOut).orElse(false);
    }
}
