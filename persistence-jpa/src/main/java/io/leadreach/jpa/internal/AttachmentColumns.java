package io.leadreach.jpa.internal;

import io.leadreach.attachment.StoredAttachment;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A {@link StoredAttachment} as the {@code attachment_*} columns of the table it is embedded in. */
@Embeddable
public class AttachmentColumns {

    @Column(name = "attachment_id", length = 200)
    String id;
    @Column(name = "attachment_filename", length = 255)
    String filename;
    @Column(name = "attachment_mime_type", length = 100)
    String mimeType;
    @Column(name = "attachment_size")
    Long size;
    @Column(name = "attachment_sha256", length = 64)
    String sha256;

    protected AttachmentColumns() {
    }

    static AttachmentColumns of(StoredAttachment a) {
        if (a == null) {
            return null;
        }
        AttachmentColumns c = new AttachmentColumns();
        c.id = a.id();
        c.filename = a.filename();
        c.mimeType = a.mimeType();
        c.size = a.size();
        c.sha256 = a.sha256();
        return c;
    }

    static StoredAttachment toAttachment(AttachmentColumns c) {
        if (c == null || c.id == null) {
            return null;
        }
        return new StoredAttachment(c.id, c.filename, c.mimeType, c.size == null ? 0 : c.size, c.sha256);
    }
}
