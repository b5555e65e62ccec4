package io.leadreach.attachment;

import io.leadreach.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Port: where accepted attachments are kept until they are sent.
 *
 * <p>Contract (checked by {@code AttachmentStoreContract} in the core test-jar):
 * <ul>
 *   <li><b>Content-addressed and idempotent.</b> {@link #store} keys a file by its content: the same
 *       bytes always get the same id, and storing them again changes nothing and returns the
 *       attachment as first stored (its file name included). Different bytes get different ids.
 *       Concurrent stores of the same bytes all return the same attachment.</li>
 *   <li><b>Verified.</b> {@link #store} refuses bytes whose size or SHA-256 differ from the
 *       {@link AcceptedFile}'s, so what is kept is exactly what the policy checked.</li>
 *   <li><b>All or nothing.</b> After {@link #store} returns, {@link #find} and {@link #open} see the
 *       whole file; before, or if it fails, they see nothing (never a partial file).</li>
 *   <li><b>Ids are opaque.</b> Any string may be passed as an id; one the store never issued is
 *       simply absent (it can never reach outside the store, such as a path).</li>
 *   <li>{@link #open} returns a fresh stream positioned at the start on every call; the caller closes it.</li>
 *   <li>{@link #delete} removes the content for every holder of its id (ids are shared by equal
 *       content), so delete only what nothing refers to any more.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 */
public interface AttachmentStore {

    /**
     * Keeps {@code bytes}, which must be the bytes {@code file} describes.
     *
     * @return the stored attachment; for content already stored, the attachment as first stored
     * @throws IllegalArgumentException    if the bytes do not match {@code file}'s size and SHA-256
     * @throws java.io.UncheckedIOException if the store cannot write
     */
    StoredAttachment store(AcceptedFile file, byte[] bytes);

    /**
     * Opens a stored attachment's bytes.
     *
     * @throws NotFoundException if nothing is stored under {@code id} (kind {@code attachment})
     * @throws IOException       if the store cannot read
     */
    InputStream open(String id) throws IOException;

    /**
     * The attachment stored under {@code id}, if any.
     *
     * @throws java.io.UncheckedIOException if the store cannot read
     */
    Optional<StoredAttachment> find(String id);

    /**
     * Removes an attachment.
     *
     * @return whether something was stored under {@code id}
     * @throws java.io.UncheckedIOException if the store cannot delete
     */
    boolean delete(String id);
}
