package io.leadreach.attachment;

/**
 * What {@link AttachmentIntake} does with a file its {@link VirusScanner} could not scan (a
 * {@link VirusScanException}). A file found infected is refused in every mode.
 */
public enum ScanMode {

    /**
     * A file that was not scanned is not accepted: when the scanner is unavailable or failed, the
     * {@link VirusScanException} reaches the caller (the starter answers 503); when the scanner
     * refused the file for its size, the upload is refused as {@link AttachmentIntake#NOT_SCANNABLE}
     * (413). Nothing is stored. The default.
     */
    REQUIRED,

    /**
     * A file that could not be scanned, for any reason, is accepted unscanned: a warning is logged
     * with the file's name, SHA-256 and the scanner's failure, and the engine observer hears
     * {@link io.leadreach.metrics.EngineObserver#SCAN_UNSCANNED}. For deployments that prefer sending
     * to refusing when the scanner is down.
     */
    BEST_EFFORT
}
