package io.leadreach.attachment;

import io.leadreach.LeadReachException;

/**
 * A virus scan could not be done: the scanner is unreachable, timed out, refused the file or
 * answered something unexpected. The file is not known to be clean and must not be accepted;
 * the caller may try again later.
 */
public class VirusScanException extends LeadReachException {

    /** A failure described by {@code message}. */
    public VirusScanException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public VirusScanException(String message, Throwable cause) {
        super(message, cause);
    }
}
