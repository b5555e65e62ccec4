package io.leadreach.attachment;

import io.leadreach.ValidationException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an uploaded file becomes a {@link StoredAttachment}: the {@link AttachmentPolicy}
 * checks it, the {@link VirusScanner} scans it, and only then the {@link AttachmentStore} keeps it.
 * A refused file changes nothing. Thread-safe if its parts are.
 */
public final class AttachmentIntake {

    /** The error code for a file the scanner found infected. */
    public static final String INFECTED = "infected";

    private static final Logger log = LoggerFactory.getLogger(AttachmentIntake.class);

    private final AttachmentPolicy policy;
    private final VirusScanner scanner;
    private final AttachmentStore store;

    /** An intake that checks with {@code policy}, scans with {@code scanner} and keeps files in {@code store}. */
    public AttachmentIntake(AttachmentPolicy policy, VirusScanner scanner, AttachmentStore store) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Checks, scans and stores an upload.
     *
     * @return the stored attachment (for content stored before, the attachment as first stored)
     * @throws ValidationException  field {@code attachment}: a policy code ({@code bad_filename},
     *                              {@code empty}, {@code too_large}, {@code type_not_allowed},
     *                              {@code type_mismatch}) or {@value #INFECTED}
     * @throws VirusScanException   if the file could not be scanned; it is not stored
     * @throws java.io.UncheckedIOException if the store cannot write
     */
    public StoredAttachment accept(AttachmentUpload upload) {
        AcceptedFile file = policy.check(upload);
        byte[] bytes = upload.content();
        ScanResult result = scanner.scan(bytes);
        if (result instanceof ScanResult.Infected infected) {
            log.warn("Refused attachment {} (sha256 {}): infected with {}",
                    file.filename(), file.sha256(), infected.signature());
            throw new ValidationException(AttachmentPolicy.FIELD, INFECTED,
                    "the file is infected with " + infected.signature());
        }
        StoredAttachment stored = store.store(file, bytes);
        log.debug("Stored attachment {} as {} ({}, {} bytes)", stored.filename(), stored.id(), stored.mimeType(), stored.size());
        return stored;
    }

    /** The policy files are checked against. */
    public AttachmentPolicy policy() {
        return policy;
    }

    /** The scanner files are scanned with. */
    public VirusScanner scanner() {
        return scanner;
    }

    /** The store accepted files go to. */
    public AttachmentStore store() {
        return store;
    }
}
