package io.leadreach.attachment;

import java.util.Objects;

/**
 * An attachment that passed the {@link AttachmentPolicy} and was written to an
 * {@link AttachmentStore}.
 *
 * @param id       the store's key for it
 * @param filename the sanitised file name shown to the recipient
 * @param mimeType the type detected from its bytes
 * @param size     its size in bytes
 * @param sha256   the hex SHA-256 of its bytes (transports key their upload cache on it)
 */
public record StoredAttachment(String id, String filename, String mimeType, long size, String sha256) {

    public StoredAttachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The WhatsApp media kind this file is sent as. */
    public MediaKind kind() {
        return MediaKind.ofMimeType(mimeType);
    }
}
