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
        MISMATCH,
        /** The body names a business phone number the verifier has no app secret for. */
        UNKNOWN_NUMBER,
        /** The body could not be read for the numbers it names (a verifier of several numbers reads them). */
        UNREADABLE_BODY
    }

    private final Reason reason;
    private final String phoneNumberId;

    /** A refused signature. */
    public WebhookSignatureException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A refused signature of a body naming this business phone number id. */
    public WebhookSignatureException(Reason reason, String message, String phoneNumberId) {
        super(message);
        this.reason = reason;
        this.phoneNumberId = phoneNumberId;
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }

    /**
     * The business phone number id the refusal is about (the unknown number, or the one whose
     * secret did not match), as the untrusted body spelled it but cut to 64 characters and with
     * anything but letters and digits replaced by {@code ?}; null when the refusal names none.
     */
    public String phoneNumberId() {
        return phoneNumberId;
    }
}
