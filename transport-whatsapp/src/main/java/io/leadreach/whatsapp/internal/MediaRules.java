package io.leadreach.whatsapp.internal;

import io.leadreach.attachment.MediaKind;
import java.util.Locale;
import java.util.Set;

/** What the Cloud API accepts as media: MIME types and sizes per kind. */
public final class MediaRules {

    private static final long MB = 1024L * 1024L;

    private static final Set<String> IMAGE = Set.of("image/jpeg", "image/png");
    private static final Set<String> DOCUMENT = Set.of(
            "application/pdf", "text/plain",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    private static final Set<String> VIDEO = Set.of("video/mp4", "video/3gpp");
    private static final Set<String> AUDIO = Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg");

    private MediaRules() {
    }

    /** The MIME type without parameters, lower case. */
    public static String baseType(String mimeType) {
        int semi = mimeType.indexOf(';');
        return (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The largest file of a kind, in bytes. */
    public static long maxSize(MediaKind kind) {
        switch (kind) {
            case IMAGE: return 5 * MB;
            case DOCUMENT: return 100 * MB;
            default: return 16 * MB;
        }
    }

    /** Why the Cloud API would refuse this file, or null when it would take it. */
    public static String problem(String mimeType, long size) {
        String type = baseType(mimeType);
        MediaKind kind = MediaKind.ofMimeType(type);
        Set<String> allowed;
        switch (kind) {
            case IMAGE: allowed = IMAGE; break;
            case VIDEO: allowed = VIDEO; break;
            case AUDIO: allowed = AUDIO; break;
            default: allowed = DOCUMENT; break;
        }
        if (!allowed.contains(type)) {
            return "media type " + type + " is not accepted for " + kind.apiName() + "; accepted: " + allowed;
        }
        if (size > maxSize(kind)) {
            return kind.apiName() + " of " + size + " bytes exceeds the limit of " + maxSize(kind) + " bytes";
        }
        if (size <= 0) {
            return "the file is empty";
        }
        return null;
    }
}
