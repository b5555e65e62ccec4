package io.leadreach.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.NotFoundException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link AttachmentStore} contract. An adapter proves it keeps the contract with a short
 * subclass that supplies a fresh, empty store:
 *
 * <pre>{@code
 * class S3AttachmentStoreTest extends AttachmentStoreContract {
 *     protected AttachmentStore newStore() { return new S3AttachmentStore(...); }
 * }
 * }</pre>
 */
public abstract class AttachmentStoreContract {

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    /** The store under test. */
    protected AttachmentStore store;

    /** A new, empty store; called before each test. */
    protected abstract AttachmentStore newStore() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    /** A PDF no other test uses, and its accepted description under {@code filename}. */
    protected static Upload uniquePdf(String filename) {
        byte[] bytes = TestFiles.pdf("unique " + UNIQUE.incrementAndGet() + " " + System.nanoTime());
        return new Upload(AttachmentPolicy.ofDefaults().check(new AttachmentUpload(filename, bytes)), bytes);
    }

    /** Bytes and the accepted file describing them. */
    protected record Upload(AcceptedFile file, byte[] bytes) {
        /** The same bytes under another name. */
        public Upload renamed(String filename) {
            return new Upload(new AcceptedFile(filename, file.mimeType(), file.size(), file.sha256()), bytes);
        }
    }

    @Test
    void storedAttachmentDescribesTheFile() {
        Upload upload = uniquePdf("quote.pdf");

        StoredAttachment stored = store.store(upload.file(), upload.bytes());

        assertThat(stored.id()).isNotBlank();
        assertThat(stored.filename()).isEqualTo("quote.pdf");
        assertThat(stored.mimeType()).isEqualTo("application/pdf");
        assertThat(stored.size()).isEqualTo(upload.bytes().length);
        assertThat(stored.sha256()).isEqualTo(upload.file().sha256());
        assertThat(store.find(stored.id())).contains(stored);
    }

    @Test
    void openReturnsTheStoredBytesInAFreshStreamEachTime() throws Exception {
        Upload upload = uniquePdf("quote.pdf");
        String id = store.store(upload.file(), upload.bytes()).id();

        try (InputStream first = store.open(id); InputStream second = store.open(id)) {
            assertThat(first.readAllBytes()).isEqualTo(upload.bytes());
            assertThat(second.readAllBytes()).isEqualTo(upload.bytes());
        }
        try (InputStream third = store.open(id)) {
            assertThat(third.readAllBytes()).isEqualTo(upload.bytes());
        }
    }

    @Test
    void sameBytesGetTheSameIdAndKeepTheFirstDescription() {
        Upload upload = uniquePdf("first.pdf");

        StoredAttachment first = store.store(upload.file(), upload.bytes());
        StoredAttachment again = store.store(upload.file(), upload.bytes().clone());
        StoredAttachment renamed = store.store(upload.renamed("second.pdf").file(), upload.bytes());

        assertThat(again).isEqualTo(first);
        assertThat(renamed).isEqualTo(first);
        assertThat(store.find(first.id())).map(StoredAttachment::filename).contains("first.pdf");
    }

    @Test
    void differentBytesGetDifferentIds() {
        Upload a = uniquePdf("a.pdf");
        Upload b = uniquePdf("a.pdf");

        assertThat(store.store(a.file(), a.bytes()).id()).isNotEqualTo(store.store(b.file(), b.bytes()).id());
    }

    @Test
    void bytesThatAreNotTheCheckedOnesAreRefused() {
        Upload upload = uniquePdf("quote.pdf");
        byte[] tampered = upload.bytes().clone();
        tampered[tampered.length - 2] ^= 1;

        assertThatIllegalArgumentException().isThrownBy(() -> store.store(upload.file(), tampered));
        assertThat(store.find(upload.file().sha256())).isEmpty();
    }

    @Test
    void laterChangesToTheCallersArrayDoNotReachTheStore() throws Exception {
        Upload upload = uniquePdf("quote.pdf");
        byte[] bytes = upload.bytes().clone();
        String id = store.store(upload.file(), bytes).id();

        bytes[0] = 'X';

        try (InputStream in = store.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(upload.bytes());
        }
    }

    @Test
    void unknownIdsAreAbsent() {
        String neverIssued = "0".repeat(64);

        assertThat(store.find(neverIssued)).isEmpty();
        assertThatThrownBy(() -> store.open(neverIssued))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.kind()).isEqualTo("attachment");
                    assertThat(e.id()).isEqualTo(neverIssued);
                });
        assertThat(store.delete(neverIssued)).isFalse();
    }

    @Test
    void idsThatLookLikePathsAreAbsent() {
        Upload upload = uniquePdf("quote.pdf");
        String id = store.store(upload.file(), upload.bytes()).id();

        for (String hostile : List.of("../" + id, id + "/../" + id, "/etc/passwd", "..", "", id.toUpperCase(),
                id.substring(0, 2) + "/" + id, id + ".properties", id + "\0")) {
            assertThat(store.find(hostile)).as(hostile).isEmpty();
            assertThatThrownBy(() -> store.open(hostile)).as(hostile).isInstanceOf(NotFoundException.class);
            assertThat(store.delete(hostile)).as(hostile).isFalse();
        }
        assertThat(store.find(id)).isPresent();
    }

    @Test
    void deleteRemovesTheAttachmentOnce() {
        Upload upload = uniquePdf("quote.pdf");
        String id = store.store(upload.file(), upload.bytes()).id();

        assertThat(store.delete(id)).isTrue();

        assertThat(store.delete(id)).isFalse();
        assertThat(store.find(id)).isEmpty();
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletedContentCanBeStoredAgain() {
        Upload upload = uniquePdf("quote.pdf");
        String id = store.store(upload.file(), upload.bytes()).id();
        store.delete(id);

        StoredAttachment again = store.store(upload.renamed("again.pdf").file(), upload.bytes());

        assertThat(again.id()).isEqualTo(id);
        assertThat(store.find(id)).map(StoredAttachment::filename).contains("again.pdf");
    }

    @Test
    void concurrentStoresOfTheSameBytesAgree() throws Exception {
        Upload upload = uniquePdf("same.pdf");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StoredAttachment>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Upload named = upload.renamed("name-" + i + ".pdf");
                results.add(pool.submit(() -> {
                    start.await();
                    return store.store(named.file(), named.bytes());
                }));
            }
            start.countDown();
            Set<StoredAttachment> distinct = results.stream().map(AttachmentStoreContract::join).collect(Collectors.toSet());

            assertThat(distinct).hasSize(1);
            assertThat(store.find(distinct.iterator().next().id())).contains(distinct.iterator().next());
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
