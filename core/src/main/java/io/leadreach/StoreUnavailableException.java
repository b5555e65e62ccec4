package io.leadreach;

/**
 * A store could not reach its database (the connection was lost or refused, or the pool had none
 * to give in time). Nothing is known to have changed; the call may be tried again once the
 * database is back. The campaign engine backs off and retries instead of failing a recipient.
 */
public class StoreUnavailableException extends LeadReachException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
