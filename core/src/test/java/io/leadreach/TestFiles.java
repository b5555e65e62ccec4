package io.leadreach;

import io.leadreach.attachment.AttachmentUpload;

/** Uploads for service tests, named as a user would name them; the bytes come from the attachment tests' files. */
public final class TestFiles {

    private TestFiles() {
    }

    /** A minimal PDF. */
    public static AttachmentUpload pdf(String name) {
        return new AttachmentUpload(name, io.leadreach.attachment.TestFiles.pdf());
    }

    /** A Windows executable, whatever its name says. */
    public static AttachmentUpload executable(String name) {
        return new AttachmentUpload(name, io.leadreach.attachment.TestFiles.windowsExecutable());
    }

    /** A PDF of {@code size} bytes. */
    public static AttachmentUpload pdfOfSize(String name, int size) {
        return new AttachmentUpload(name, io.leadreach.attachment.TestFiles.pdfOfSize(size));
    }
}
