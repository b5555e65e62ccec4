package io.leadreach.whatsapp;

import io.leadreach.LeadReachException;

/**
 * Listing message templates failed: a page could not be fetched or read, the Cloud API answered
 * with an error, or the pages looped. Nothing is half-applied: {@link TemplateSync} returns all
 * templates or throws this.
 */
public class TemplateSyncException extends LeadReachException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /** A failure without a Cloud API error code. */
    public TemplateSyncException(String message) {
        this(message, (String) null);
    }

    /** A failure caused by an exception. */
    public TemplateSyncException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = null;
    }

    /** A failure the Cloud API reported with an error code (may be null). */
    public TemplateSyncException(String message, String errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    /** The Cloud API's error code, such as {@code 190} for a bad token, or null. */
    public String errorCode() {
        return errorCode;
    }
}
