package io.leadreach.transport;

import io.leadreach.attachment.StoredAttachment;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file to send as media: its checked description and a way to read its bytes. Transports may
 * key an upload cache on {@link StoredAttachment#sha256()} so each file is uploaded once.
 */
public record MediaFile(StoredAttachment attachment, Source source) {

    /** Opens the file's bytes; each call returns a fresh stream the caller closes. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public MediaFile {
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(source, "source");
    }

    /** Reads the whole file. */
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = source.open()) {
            return in.readAllBytes();
        }
    }
}
