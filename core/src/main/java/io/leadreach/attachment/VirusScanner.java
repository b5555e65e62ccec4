package io.leadreach.attachment;

/**
 * Port: scans a file for malware before it is stored or sent.
 *
 * <p>Contract: {@link #scan(byte[])} answers {@link ScanResult.Clean} only when the file was actually
 * scanned and found clean. Any failure to scan (unreachable scanner, timeout, size limit, an answer
 * it does not understand) is a {@link VirusScanException}, never "clean". Implementations are
 * thread-safe and do not modify the bytes.
 */
@FunctionalInterface
public interface VirusScanner {

    /**
     * A scanner that scans nothing and calls every file clean. For tests, or deployments where
     * files are scanned elsewhere (a scanning proxy, the CRM's own upload pipeline); with it,
     * LeadReach relies on {@link AttachmentPolicy} alone (type by bytes, size).
     */
    VirusScanner NONE = new VirusScanner() {
        @Override
        public ScanResult scan(byte[] bytes) {
            return ScanResult.clean();
        }

        @Override
        public String toString() {
            return "VirusScanner.NONE";
        }
    };

    /**
     * Scans a file.
     *
     * @throws VirusScanException if the file could not be scanned
     */
    ScanResult scan(byte[] bytes);
}
