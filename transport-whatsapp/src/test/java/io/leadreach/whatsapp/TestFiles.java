package io.leadreach.whatsapp;

import io.leadreach.attachment.AcceptedFile;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.transport.MediaFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Small in-memory media files for tests. */
final class TestFiles {

    private TestFiles() {
    }

    static MediaFile file(String name, String mimeType, byte[] bytes) {
        return file(name, mimeType, bytes, new AtomicInteger());
    }

    /** A file whose every opening is counted. */
    static MediaFile file(String name, String mimeType, byte[] bytes, AtomicInteger opens) {
        StoredAttachment attachment = new StoredAttachment("att-" + name, name, mimeType, bytes.length, sha256(bytes));
        return new MediaFile(attachment, () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        });
    }

    static MediaFile png(String seed) {
        return file(seed + ".png", "image/png", ("\u0089PNG fake image " + seed).getBytes(StandardCharsets.ISO_8859_1));
    }

    static MediaFile pdf(String seed) {
        return file(seed + ".pdf", "application/pdf", ("%PDF-1.4 fake document " + seed).getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(byte[] bytes) {
        return AcceptedFile.sha256Hex(bytes);
    }
}
