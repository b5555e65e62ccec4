package io.leadreach.tracking;

import java.util.Locale;
import java.util.Optional;

/** A status a provider reports for a message it accepted. */
public enum DeliveryStatus {
    SENT, DELIVERED, READ, FAILED;

    /**
     * The status for a provider's status word ({@code sent}, {@code delivered}, {@code read},
     * {@code played} as read, {@code failed}), or empty for a word this library does not know.
     */
    public static Optional<DeliveryStatus> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        switch (word.toLowerCase(Locale.ROOT)) {
            case "sent": return Optional.of(SENT);
            case "delivered": return Optional.of(DELIVERED);
            case "read":
            case "played": return Optional.of(READ);
            case "failed":
            case "undelivered": return Optional.of(FAILED);
            default: return Optional.empty();
        }
    }
}
