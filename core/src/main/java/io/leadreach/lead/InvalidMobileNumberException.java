package io.leadreach.lead;

import io.leadreach.ValidationException;

/**
 * A phone number cannot be used to reach a lead on WhatsApp. The message never contains the
 * number itself, so it can be logged without leaking personal data.
 */
public class InvalidMobileNumberException extends ValidationException {

    /** The field it names unless told otherwise. */
    public static final String FIELD = "mobile";
    /** Not a phone number at all: empty, letters, too long or too short to parse, or with an extension. */
    public static final String MALFORMED = "malformed";
    /** Shaped like a phone number, but not a valid one for its country. */
    public static final String INVALID = "invalid";
    /** A valid number, but not a mobile one (a landline, toll-free, premium-rate, ...). */
    public static final String NOT_MOBILE = "not_mobile";

    /** The refusal code, one of the constants above. */
    private final String code;

    /** An error on field {@value #FIELD}. */
    public InvalidMobileNumberException(String code, String message) {
        this(FIELD, code, message);
    }

    /** An error on another field, such as {@code leads[3].mobile} in a bulk import. */
    public InvalidMobileNumberException(String field, String code, String message) {
        super(field, code, message);
        this.code = code;
    }

    /** {@value #MALFORMED}, {@value #INVALID} or {@value #NOT_MOBILE}. */
    public String code() {
        return code;
    }
}
