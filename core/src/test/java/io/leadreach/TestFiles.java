package io.leadreach;

import io.leadreach.attachment.AttachmentUpload;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small real files for tests, built in code. */
public final class TestFiles {

    private TestFiles() {
    }

    /** A minimal PDF. */
    public static AttachmentUpload pdf(String name) {
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        return new AttachmentUpload(name, pdf.getBytes(StandardCharsets.US_ASCII));
    }

    /** A Windows executable, whatever its name says. */
    public static AttachmentUpload executable(String name) {
        byte[] bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3c] = (byte) 0x80;
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        return new AttachmentUpload(name, bytes);
    }

    /** A PDF of {@code size} bytes. */
    public static AttachmentUpload pdfOfSize(String name, int size) {
        byte[] head = pdf(name).bytes();
        byte[] bytes = Arrays.copyOf(head, size);
        Arrays.fill(bytes, head.length, size, (byte) ' ');
        return new AttachmentUpload(name, bytes);
    }
}
