package io.leadreach.analytics;

import io.leadreach.LeadReachException;

/** A rate card that cannot be used: empty, or a line that does not parse (named by its number). */
public class RateCardException extends LeadReachException {

    private static final long serialVersionUID = 1L;

    private final int lineNumber;

    /** A problem at this 1-based line (0 when it concerns the whole card). */
    public RateCardException(int lineNumber, String message) {
        super(lineNumber > 0 ? "rate card line " + lineNumber + ": " + message : "rate card: " + message);
        this.lineNumber = lineNumber;
    }

    /** The 1-based line at fault, or 0 when the whole card is (an empty card). */
    public int lineNumber() {
        return lineNumber;
    }
}
