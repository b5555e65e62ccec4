package io.leadreach.attachment;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file the {@link AttachmentPolicy} admitted: what it really is, decided from its bytes.
 *
 * @param filename the sanitised file name, with an extension that agrees with {@code mimeType}
 * @param mimeType the type detected from the bytes (one of the policy's allowed types)
 * @param size     the size in bytes
 * @param sha256   the lower-case hex SHA-256 of the bytes
 */
public record AcceptedFile(String filename, String mimeType, long size, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** Validates the description: no nulls, a non-negative size, a SHA-256 in lower-case hex. */
    public AcceptedFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }

    /** Whether these bytes are the ones that were checked (same size and SHA-256). */
    public boolean matches(byte[] bytes) {
        return bytes.length == size && sha256Hex(bytes).equals(sha256);
    }

    /** This file as kept by a store under {@code id}. */
    public StoredAttachment storedAs(String id) {
        return new StoredAttachment(id, filename, mimeType, size, sha256);
    }

    /** Whether {@code text} has the form of a SHA-256 hex digest (stores use it to vet ids). */
    public static boolean isSha256Hex(String text) {
        return text != null && SHA256_HEX.matcher(text).matches();
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
