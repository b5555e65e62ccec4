package io.leadreach.memory;

import io.leadreach.NotFoundException;
import io.leadreach.attachment.AcceptedFile;
import io.leadreach.attachment.AttachmentStore;
import io.leadreach.attachment.StoredAttachment;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link AttachmentStore} on the heap, content-addressed by SHA-256 like the file-system one.
 * Thread-safe; everything is lost when it is garbage-collected.
 */
public final class InMemoryAttachmentStore implements AttachmentStore {

    private record Entry(StoredAttachment attachment, byte[] bytes) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public StoredAttachment store(AcceptedFile file, byte[] bytes) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(bytes, "bytes");
        if (!file.matches(bytes)) {
            throw new IllegalArgumentException("the bytes are not the ones the accepted file describes");
        }
        String id = file.sha256();
        return entries.computeIfAbsent(id, key -> new Entry(file.storedAs(key), bytes.clone())).attachment();
    }

    @Override
    public InputStream open(String id) {
        Entry entry = id == null ? null : entries.get(id);
        if (entry == null) {
            throw new NotFoundException("attachment", id);
        }
        return new ByteArrayInputStream(entry.bytes());
    }

    @Override
    public Optional<StoredAttachment> find(String id) {
        return Optional.ofNullable(id == null ? null : entries.get(id)).map(Entry::attachment);
    }

    @Override
    public boolean delete(String id) {
        return id != null && entries.remove(id) != null;
    }

    /** How many attachments are stored. */
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "InMemoryAttachmentStore[" + entries.size() + " attachments]";
    }
}
