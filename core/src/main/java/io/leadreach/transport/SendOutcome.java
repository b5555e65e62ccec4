package io.leadreach.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one send. A transport maps every answer (and every failure to get one) onto
 * exactly one of these; the engine decides what to do from the type and the {@link ErrorClass},
 * never from provider-specific codes.
 */
public sealed interface SendOutcome {

    /** The provider took the message; it is not yet delivered. */
    record Accepted(String providerMessageId, String rawResponse) implements SendOutcome {
        public Accepted {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /**
     * The provider refused the message, or it could not be handed over at all, and it is certain
     * that nothing was sent.
     *
     * @param errorClass what the engine should do about it
     * @param code       the provider's error code as text (e.g. {@code 131047}), or a transport
     *                   code such as {@code CONNECT_FAILED}
     * @param message    a human-readable explanation
     * @param retryAfter how long to wait before trying again, if the provider said so (may be null)
     * @param rawResponse the provider's answer as received, for the message log (may be null)
     */
    record Rejected(ErrorClass errorClass, String code, String message, Duration retryAfter,
                    String rawResponse) implements SendOutcome {
        public Rejected {
            Objects.requireNonNull(errorClass, "errorClass");
            Objects.requireNonNull(code, "code");
        }

        public static Rejected of(ErrorClass errorClass, String code, String message) {
            return new Rejected(errorClass, code, message, null, null);
        }
    }

    /**
     * It is not known whether the provider took the message: the request may have been written
     * before the connection failed or timed out. The engine never resends such a message; it holds
     * the recipient {@code IN_DOUBT} until a status event with its correlation id settles it.
     */
    record Unknown(String reason) implements SendOutcome {
    }
}
