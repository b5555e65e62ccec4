package io.leadreach.attachment;

import io.leadreach.ValidationException;
import io.leadreach.metrics.EngineObserver;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an uploaded file becomes a {@link StoredAttachment}: the {@link AttachmentPolicy}
 * checks it, the {@link VirusScanner} scans it, and only then the {@link AttachmentStore} keeps it.
 * A refused file changes nothing. Thread-safe if its parts are.
 *
 * <p>A file found infected is always refused ({@link AttachmentInfectedException}). A file the
 * scanner could not scan ({@link VirusScanException}) is handled by the {@link ScanMode}:
 * {@link ScanMode#REQUIRED} (the default) refuses it, {@link ScanMode#BEST_EFFORT} stores it and
 * logs a warning. Every scan's outcome is told to the {@link EngineObserver}.
 */
public final class AttachmentIntake {

    /** The error code for a file the scanner found infected. */
    public static final String INFECTED = "infected";

    /**
     * The error code for a file the scanner refused for its size (clamd's {@code StreamMaxLength}),
     * under {@link ScanMode#REQUIRED}: it cannot be scanned, so it is not accepted.
     */
    public static final String NOT_SCANNABLE = "not_scannable";

    private static final Logger log = LoggerFactory.getLogger(AttachmentIntake.class);

    private final AttachmentPolicy policy;
    private final VirusScanner scanner;
    private final AttachmentStore store;
    private final ScanMode mode;
    private final EngineObserver observer;

    /** An intake that checks with {@code policy}, scans with {@code scanner} ({@link ScanMode#REQUIRED}) and keeps files in {@code store}. */
    public AttachmentIntake(AttachmentPolicy policy, VirusScanner scanner, AttachmentStore store) {
        this(policy, scanner, store, ScanMode.REQUIRED, EngineObserver.NOOP);
    }

    /** An intake as above, handling unscannable files by {@code mode} and telling {@code observer} every scan's outcome. */
    public AttachmentIntake(AttachmentPolicy policy, VirusScanner scanner, AttachmentStore store, ScanMode mode,
                            EngineObserver observer) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.store = Objects.requireNonNull(store, "store");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Checks, scans and stores an upload.
     *
     * @return the stored attachment (for content stored before, the attachment as first stored)
     * @throws ValidationException  field {@code attachment}: a policy code ({@code bad_filename},
     *                              {@code empty}, {@code too_large}, {@code type_not_allowed},
     *                              {@code type_mismatch}), {@value #INFECTED} (an
     *                              {@link AttachmentInfectedException}) or, under
     *                              {@link ScanMode#REQUIRED}, {@value #NOT_SCANNABLE}
     * @throws VirusScanException   under {@link ScanMode#REQUIRED}, if the scanner was unavailable or
     *                              failed; nothing is stored
     * @throws java.io.UncheckedIOException if the store cannot write
     */
    public StoredAttachment accept(AttachmentUpload upload) {
        AcceptedFile file = policy.check(upload);
        byte[] bytes = upload.content();
        ScanResult result;
        try {
            result = scanner.scan(bytes);
        } catch (VirusScanException e) {
            result = unscanned(file, e);
        }
        if (result instanceof ScanResult.Infected infected) {
            observe(EngineObserver.SCAN_INFECTED);
            log.warn("Refused attachment {} (sha256 {}): infected with {}",
                    file.filename(), file.sha256(), infected.signature());
            throw new AttachmentInfectedException(infected.signature());
        }
        if (result != null && scanner != VirusScanner.NONE) { // no scanner: nothing was scanned to report
            observe(EngineObserver.SCAN_CLEAN);
        }
        StoredAttachment stored = store.store(file, bytes);
        log.debug("Stored attachment {} as {} ({}, {} bytes)", stored.filename(), stored.id(), stored.mimeType(), stored.size());
        return stored;
    }

    /** A file that could not be scanned: null to store it unscanned (best effort), else throws. */
    private ScanResult unscanned(AcceptedFile file, VirusScanException e) {
        if (mode == ScanMode.BEST_EFFORT) {
            observe(EngineObserver.SCAN_UNSCANNED);
            log.warn("Accepting attachment {} (sha256 {}, {} bytes) UNSCANNED (virus scan is best-effort): {} ({})",
                    file.filename(), file.sha256(), file.size(), e.getMessage(), e.reason());
            return null;
        }
        observe(EngineObserver.SCAN_REFUSED);
        if (e.reason() == VirusScanException.Reason.TOO_LARGE) {
            log.warn("Refused attachment {} (sha256 {}, {} bytes): too large for the virus scanner: {}",
                    file.filename(), file.sha256(), file.size(), e.getMessage());
            throw new ValidationException(AttachmentPolicy.FIELD, NOT_SCANNABLE,
                    "the file (" + file.size() + " bytes) is larger than the virus scanner accepts");
        }
        throw e;
    }

    private void observe(String outcome) {
        try {
            observer.onAttachmentScan(outcome);
        } catch (RuntimeException e) {
            log.warn("engine observer failed", e);
        }
    }

    /** The policy files are checked against. */
    public AttachmentPolicy policy() {
        return policy;
    }

    /** The scanner files are scanned with. */
    public VirusScanner scanner() {
        return scanner;
    }

    /** What is done with a file the scanner could not scan. */
    public ScanMode mode() {
        return mode;
    }

    /** The store accepted files go to. */
    public AttachmentStore store() {
        return store;
    }
}
