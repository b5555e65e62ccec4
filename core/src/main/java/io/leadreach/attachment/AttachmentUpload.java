package io.leadreach.attachment;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file as the caller hands it over, before any check: the name the user's browser or client
 * gave it and its raw bytes. Neither is trusted; {@link AttachmentPolicy#check(AttachmentUpload)}
 * decides what the file really is.
 *
 * <p>The bytes are copied when the upload is made and {@link #bytes()} returns a copy, so the
 * content that is checked, scanned and stored is exactly the content given here, whatever the
 * caller later does with its array.
 *
 * @param filename the name as given (may be anything, including {@code null})
 * @param bytes    the file's content
 */
public record AttachmentUpload(String filename, byte[] bytes) {

    /** Copies the bytes, so later changes to the caller's array do not reach the upload. */
    public AttachmentUpload {
        Objects.requireNonNull(bytes, "bytes");
        bytes = bytes.clone();
    }

    /** A copy of the file's content. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The content's size in bytes. */
    public long size() {
        return bytes.length;
    }

    /** A stream over the content, without copying it. */
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    /** The content itself, for this package only: callers here never modify it. */
    byte[] content() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttachmentUpload other
                && Objects.equals(filename, other.filename)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(filename) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "AttachmentUpload[filename=" + filename + ", size=" + bytes.length + "]";
    }
}
