package io.leadreach.whatsapp.simulator;

/**
 * A file the simulator received on its media endpoint.
 *
 * @param id       the media id it answered with
 * @param mimeType the part's content type
 * @param filename the part's file name (may be null)
 * @param size     the file's size
 * @param sha256   the hex SHA-256 of its bytes
 */
public record UploadedMedia(String id, String mimeType, String filename, long size, String sha256) {
}
