package io.leadreach.whatsapp;

import io.leadreach.LeadReachException;

/**
 * A webhook body could not be read at all: too large, or not a JSON object. (Bodies that are JSON
 * but hold unknown or malformed events are not errors: those events are skipped and counted.)
 */
public class WebhookPayloadException extends LeadReachException {

    private static final long serialVersionUID = 1L;

    /** Why the body was refused. */
    public enum Reason {
        /** Larger than the configured limit. */
        TOO_LARGE,
        /** Not JSON, or JSON that is not an object. */
        INVALID_JSON
    }

    private final Reason reason;

    /** A refused body. */
    public WebhookPayloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Why it was refused. */
    public Reason reason() {
        return reason;
    }
}
