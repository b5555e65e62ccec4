package io.leadreach.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemAttachmentStoreTest extends AttachmentStoreContract {

    @TempDir
    Path root;

    @Override
    protected AttachmentStore newStore() {
        return new FileSystemAttachmentStore(root);
    }

    @Test
    void defaultDirectoryIsRelativeToTheWorkingDirectory() {
        assertThat(FileSystemAttachmentStore.DEFAULT_DIRECTORY).isEqualTo(Path.of("lead-whatsapp-attachments"));
        assertThat(FileSystemAttachmentStore.DEFAULT_DIRECTORY.isAbsolute()).isFalse();
        assertThat(new FileSystemAttachmentStore().root())
                .isEqualTo(Path.of("").toAbsolutePath().resolve("lead-whatsapp-attachments"));
    }

    @Test
    void noDirectoryIsCreatedUntilSomethingIsStored() {
        Path nested = root.resolve("not-yet");
        new FileSystemAttachmentStore(nested).find("0".repeat(64));

        assertThat(nested).doesNotExist();
    }

    @Test
    void filesAreLaidOutByTheirSha256() {
        Upload upload = uniquePdf("quote.pdf");
        String sha = upload.file().sha256();

        store.store(upload.file(), upload.bytes());

        assertThat(root.resolve(sha.substring(0, 2)).resolve(sha)).hasBinaryContent(upload.bytes());
        assertThat(root.resolve(sha.substring(0, 2)).resolve(sha + ".properties")).isRegularFile();
    }

    @Test
    void attachmentsSurviveARestart() throws IOException {
        Upload upload = uniquePdf("r\u00e9sum\u00e9 \u092a\u094d\u0930.pdf");
        StoredAttachment stored = store.store(upload.file(), upload.bytes());

        FileSystemAttachmentStore restarted = new FileSystemAttachmentStore(root);

        assertThat(restarted.find(stored.id())).contains(stored);
        try (InputStream in = restarted.open(stored.id())) {
            assertThat(in.readAllBytes()).isEqualTo(upload.bytes());
        }
    }

    @Test
    void noTemporaryFilesAreLeftBehind() throws IOException {
        for (int i = 0; i < 5; i++) {
            Upload upload = uniquePdf("quote-" + i + ".pdf");
            store.store(upload.file(), upload.bytes());
        }

        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).hasSize(10).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void fileWithoutMetadataIsAbsentUntilStoredAgain() throws IOException {
        // What a crash between writing the bytes and writing the metadata leaves behind.
        Upload upload = uniquePdf("quote.pdf");
        String sha = upload.file().sha256();
        Path dir = Files.createDirectories(root.resolve(sha.substring(0, 2)));
        Files.write(dir.resolve(sha), new byte[] {1, 2, 3});

        assertThat(store.find(sha)).isEmpty();

        StoredAttachment stored = store.store(upload.file(), upload.bytes());
        assertThat(store.find(sha)).contains(stored);
        try (InputStream in = store.open(sha)) {
            assertThat(in.readAllBytes()).isEqualTo(upload.bytes());
        }
    }

    @Test
    void metadataWithoutFileIsAbsent() throws IOException {
        Upload upload = uniquePdf("quote.pdf");
        String id = store.store(upload.file(), upload.bytes()).id();

        Files.delete(root.resolve(id.substring(0, 2)).resolve(id));

        assertThat(store.find(id)).isEmpty();
    }
}
