package io.leadreach.lead;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The numbers among these that are currently opted out, as {@link #isOptedOut} answers for each;
     * a store that can answers in one query (the engine asks once per batch of recipients).
     */
    default Set<String> optedOutAmong(Collection<String> e164s) {
        Set<String> out = new HashSet<>();
        for (String e164 : e164s) {
            if (isOptedOut(e164)) {
                out.add(e164);
            }
        }
        return out;
    }
}
