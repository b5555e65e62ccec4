package io.leadreach.attachment;

/** The WhatsApp message type a file is sent as. */
public enum MediaKind {
    IMAGE, DOCUMENT, VIDEO, AUDIO;

    /** The kind for a MIME type: images, video and audio by their top-level type, everything else a document. */
    public static MediaKind ofMimeType(String mimeType) {
        if (mimeType.startsWith("image/")) {
            return IMAGE;
        }
        if (mimeType.startsWith("video/")) {
            return VIDEO;
        }
        if (mimeType.startsWith("audio/")) {
            return AUDIO;
        }
        return DOCUMENT;
    }

    /** The name the Cloud API uses for this type ({@code image}, {@code document}, ...). */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
