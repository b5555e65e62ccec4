package io.leadreach;

/** The root of every exception LeadReach throws on purpose. Each subclass is a kind a caller can act on. */
public class LeadReachException extends RuntimeException {

    public LeadReachException(String message) {
        super(message);
    }

    public LeadReachException(String message, Throwable cause) {
        super(message, cause);
    }
}
