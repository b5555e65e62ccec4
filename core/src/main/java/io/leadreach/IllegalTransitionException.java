package io.leadreach;

/** The operation does not fit the current state (execute a completed campaign, pause a draft, ...). Nothing changed. */
public class IllegalTransitionException extends LeadReachException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
