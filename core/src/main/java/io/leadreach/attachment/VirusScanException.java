package io.leadreach.attachment;

import io.leadreach.LeadReachException;
import java.util.Objects;

/**
 * A virus scan could not be done: the scanner is unreachable, timed out, refused the file or
 * answered something unexpected. The file is not known to be clean. {@link #reason()} says which:
 * what {@link AttachmentIntake} does with the file then depends on its {@link ScanMode}.
 */
public class VirusScanException extends LeadReachException {

    /** Why a scan could not be done. */
    public enum Reason {
        /** The scanner could not be reached, or did not answer in time: trying again later may work. */
        UNAVAILABLE,
        /**
         * The scanner refused the file for its size (clamd's {@code StreamMaxLength}): the same file
         * will be refused again.
         */
        TOO_LARGE,
        /** Anything else: the scanner answered with an error, or something it should not say. */
        FAILED
    }

    private final Reason reason;

    /** A failure of reason {@link Reason#FAILED} described by {@code message}. */
    public VirusScanException(String message) {
        this(Reason.FAILED, message, null);
    }

    /** A failure of reason {@link Reason#FAILED} described by {@code message}, caused by {@code cause}. */
    public VirusScanException(String message, Throwable cause) {
        this(Reason.FAILED, message, cause);
    }

    /** A failure for {@code reason}, described by {@code message}, caused by {@code cause} (may be null). */
    public VirusScanException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the scan could not be done. */
    public Reason reason() {
        return reason;
    }
}
