package io.leadreach.whatsapp;

import io.leadreach.LeadReachException;

/**
 * A webhook delivery's {@code X-Hub-Signature-256} was missing, malformed or wrong: the body must
 * not be trusted (answer 401 or 403 and drop it).
 */
public class WebhookSignatureException extends LeadReachException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the signature. */
    public enum Reason {
        /** No signature header. */
        MISSING,
        /** Not {@code sha256=} followed by 64 hex digits. */
        MALFORMED,
        /** Well-formed but not the HMAC of the body with the app secret. */
        MISMATCH
    }

    private final Reason reason;

    /** A refused signature. */
    public WebhookSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }
}
