package io.leadreach;

import java.util.Objects;

/**
 * A store refused a new or changed record because another record already holds one of its unique
 * keys: a message's correlation id or provider message id, a template's name. Nothing of the
 * refused write was stored. Any other failure of a store (a closed connection pool, a database
 * out of reach) is a different exception, so a caller that takes this one for "written
 * already" never mistakes a lost write for a duplicate.
 */
public class DuplicateKeyException extends LeadReachException {

    private final String key;

    /**
     * @param key     which unique key clashed, in words: {@code "correlation id"}, {@code "template name"}, ...
     * @param message what was refused
     * @param cause   the store's own error (a constraint violation), or null
     */
    public DuplicateKeyException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Which unique key clashed, in words: {@code "correlation id"}, {@code "template name"}, ... */
    public String key() {
        return key;
    }
}
