package io.leadreach.attachment;

import io.leadreach.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * An {@link AttachmentStore} on the local file system, content-addressed by SHA-256.
 *
 * <p>Layout under the root directory ({@link #DEFAULT_DIRECTORY} unless given):
 * <pre>
 * 3f/3fa9...e1            the file's bytes (name = its SHA-256, which is also its id)
 * 3f/3fa9...e1.properties its metadata: file name, MIME type, size, SHA-256
 * </pre>
 * Each file is written to a temporary file in the same directory, forced to disk, and moved into
 * place atomically: the bytes first, then the metadata. An attachment exists once its metadata
 * does, so a crash leaves at worst an orphan file (or a {@code .tmp} file) that a later store of
 * the same content overwrites, never a half-written attachment. The metadata file lets
 * {@link #find(String)} answer after a restart.
 *
 * <p>Thread-safe. Within one JVM, concurrent stores of the same content agree on the first file
 * name; several JVMs sharing a directory (network file system) still never see a partial file, but
 * the last writer's name may win for content first stored at the same moment.
 */
public final class FileSystemAttachmentStore implements AttachmentStore {

    /** The default root directory, relative to the working directory: {@code lead-whatsapp-attachments}. */
    public static final Path DEFAULT_DIRECTORY = Path.of("lead-whatsapp-attachments");

    private static final String METADATA_SUFFIX = ".properties";
    private static final int LOCK_STRIPES = 64;

    private final Path root;
    private final Object[] locks = new Object[LOCK_STRIPES];

    /** A store under {@link #DEFAULT_DIRECTORY}, resolved against the current working directory. */
    public FileSystemAttachmentStore() {
        this(DEFAULT_DIRECTORY);
    }

    /** A store under {@code root}; the directory is created on the first store. */
    public FileSystemAttachmentStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The root directory (absolute). */
    public Path root() {
        return root;
    }

    @Override
    public StoredAttachment store(AcceptedFile file, byte[] bytes) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(bytes, "bytes");
        if (!file.matches(bytes)) {
            throw new IllegalArgumentException("the bytes are not the ones the accepted file describes");
        }
        String id = file.sha256();
        synchronized (lockFor(id)) {
            Optional<StoredAttachment> existing = find(id);
            if (existing.isPresent()) {
                return existing.get();
            }
            StoredAttachment stored = file.storedAs(id);
            try {
                Path dir = Files.createDirectories(directoryOf(id));
                writeAtomically(dir, dataPath(id), bytes);
                writeAtomically(dir, metadataPath(id), metadata(stored));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store attachment " + id + " under " + root, e);
            }
            return stored;
        }
    }

    @Override
    public InputStream open(String id) throws IOException {
        if (find(id).isEmpty()) {
            throw new NotFoundException("attachment", id);
        }
        try {
            return Files.newInputStream(dataPath(id));
        } catch (NoSuchFileException deletedMeanwhile) {
            throw new NotFoundException("attachment", id);
        }
    }

    @Override
    public Optional<StoredAttachment> find(String id) {
        if (!AcceptedFile.isSha256Hex(id)) {
            return Optional.empty();
        }
        Path metadata = metadataPath(id);
        if (!Files.exists(metadata) || !Files.exists(dataPath(id))) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(metadata, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException deletedMeanwhile) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read attachment metadata " + metadata, e);
        }
        try {
            return Optional.of(new StoredAttachment(id,
                    properties.getProperty("filename"),
                    properties.getProperty("mimeType"),
                    Long.parseLong(properties.getProperty("size")),
                    properties.getProperty("sha256")));
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("corrupt attachment metadata " + metadata, e));
        }
    }

    @Override
    public boolean delete(String id) {
        if (!AcceptedFile.isSha256Hex(id)) {
            return false;
        }
        synchronized (lockFor(id)) {
            try {
                // Metadata first: once it is gone the attachment is absent, whatever happens next.
                boolean existed = Files.deleteIfExists(metadataPath(id));
                Files.deleteIfExists(dataPath(id));
                return existed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete attachment " + id, e);
            }
        }
    }

    @Override
    public String toString() {
        return "FileSystemAttachmentStore[" + root + "]";
    }

    private Object lockFor(String id) {
        return locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
    }

    private Path directoryOf(String id) {
        return root.resolve(id.substring(0, 2));
    }

    private Path dataPath(String id) {
        return directoryOf(id).resolve(id);
    }

    private Path metadataPath(String id) {
        return directoryOf(id).resolve(id + METADATA_SUFFIX);
    }

    private static byte[] metadata(StoredAttachment stored) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("filename", stored.filename());
        properties.setProperty("mimeType", stored.mimeType());
        properties.setProperty("size", Long.toString(stored.size()));
        properties.setProperty("sha256", stored.sha256());
        StringWriter out = new StringWriter();
        properties.store(out, "LeadReach attachment metadata");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeAtomically(Path dir, Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(dir, ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
