package io.leadreach.attachment;

import java.util.Objects;

/**
 * What a {@link VirusScanner} found: the file is {@link Clean} or {@link Infected}. A scan that
 * could not be done is neither; it is a {@link VirusScanException}.
 */
public sealed interface ScanResult permits ScanResult.Clean, ScanResult.Infected {

    /** The file is clean. */
    static Clean clean() {
        return Clean.INSTANCE;
    }

    /** The file carries {@code signature}. */
    static Infected infected(String signature) {
        return new Infected(signature);
    }

    /** Whether the file is clean. */
    default boolean isClean() {
        return this instanceof Clean;
    }

    /** No threat found. */
    record Clean() implements ScanResult {
        private static final Clean INSTANCE = new Clean();
    }

    /**
     * A threat was found.
     *
     * @param signature the scanner's name for it (for ClamAV, such as {@code Win.Test.EICAR_HDB-1})
     */
    record Infected(String signature) implements ScanResult {
        /** Requires a signature name. */
        public Infected {
            Objects.requireNonNull(signature, "signature");
            if (signature.isBlank()) {
                throw new IllegalArgumentException("an infection needs a signature name");
            }
        }
    }
}
