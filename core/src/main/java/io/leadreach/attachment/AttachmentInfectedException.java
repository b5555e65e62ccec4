package io.leadreach.attachment;

import io.leadreach.ValidationException;
import java.util.Objects;

/**
 * The virus scanner found the file infected: a {@link ValidationException} on field
 * {@value AttachmentPolicy#FIELD} with code {@value AttachmentIntake#INFECTED} that also carries the
 * scanner's name for the threat. Nothing was stored or sent.
 */
public class AttachmentInfectedException extends ValidationException {

    private final String signature;

    /** A refusal naming the scanner's {@code signature} (such as clamd's {@code Win.Test.EICAR_HDB-1}). */
    public AttachmentInfectedException(String signature) {
        super(AttachmentPolicy.FIELD, AttachmentIntake.INFECTED, "the file is infected with "
                + Objects.requireNonNull(signature, "signature"));
        this.signature = signature;
    }

    /** The scanner's name for what it found. */
    public String signature() {
        return signature;
    }
}
