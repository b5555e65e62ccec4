package io.leadreach.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import io.leadreach.memory.InMemoryAttachmentStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentIntakeTest {

    private final InMemoryAttachmentStore store = new InMemoryAttachmentStore();
    private final List<byte[]> scanned = new CopyOnWriteArrayList<>();

    private VirusScanner answering(ScanResult result) {
        return bytes -> {
            scanned.add(bytes.clone());
            return result;
        };
    }

    @Test
    void cleanFileIsCheckedScannedAndStored() throws Exception {
        AttachmentIntake intake = new AttachmentIntake(AttachmentPolicy.ofDefaults(), answering(ScanResult.clean()), store);
        byte[] pdf = TestFiles.pdf();

        StoredAttachment stored = intake.accept(new AttachmentUpload("Quote*.pdf", pdf));

        assertThat(stored.filename()).isEqualTo("Quote_.pdf");
        assertThat(stored.mimeType()).isEqualTo("application/pdf");
        assertThat(stored.kind()).isEqualTo(MediaKind.DOCUMENT);
        assertThat(scanned).singleElement().isEqualTo(pdf);
        assertThat(store.find(stored.id())).contains(stored);
        try (InputStream in = store.open(stored.id())) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
    }

    @Test
    void infectedFileIsRefusedAndNotStored() {
        AttachmentIntake intake = new AttachmentIntake(AttachmentPolicy.ofDefaults(),
                answering(ScanResult.infected("Test.Fake-Signature")), store);

        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("photo.png", TestFiles.png())))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("attachment");
                        assertThat(error.code()).isEqualTo(AttachmentIntake.INFECTED);
                        assertThat(error.message()).contains("Test.Fake-Signature");
                    });
                });
        assertThat(store.size()).isZero();
    }

    @Test
    void fileThatCouldNotBeScannedIsNotStored() {
        VirusScanner broken = bytes -> {
            throw new VirusScanException("scanner down");
        };
        AttachmentIntake intake = new AttachmentIntake(AttachmentPolicy.ofDefaults(), broken, store);

        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("photo.png", TestFiles.png())))
                .isInstanceOf(VirusScanException.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void fileThePolicyRefusesIsNeverScanned() {
        AttachmentIntake intake = new AttachmentIntake(AttachmentPolicy.ofDefaults(), answering(ScanResult.clean()), store);

        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("invoice.pdf", TestFiles.windowsExecutable())))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.hasCode(AttachmentPolicy.TYPE_NOT_ALLOWED)).isTrue());
        assertThat(scanned).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void sameFileUploadedTwiceIsStoredOnce() {
        AttachmentIntake intake = new AttachmentIntake(AttachmentPolicy.ofDefaults(), VirusScanner.NONE, store);

        StoredAttachment first = intake.accept(new AttachmentUpload("a.docx", TestFiles.docx()));
        StoredAttachment second = intake.accept(new AttachmentUpload("b.docx", TestFiles.docx()));

        assertThat(second).isEqualTo(first);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void endToEndWithClamdAndTheFileSystem(@TempDir Path root) throws Exception {
        try (FakeClamd clamd = new FakeClamd()) {
            clamd.responder = bytes -> bytes.length == TestFiles.jpeg().length ? "stream: Test.Fake-Jpeg FOUND" : "stream: OK";
            AttachmentIntake intake = new AttachmentIntake(AttachmentPolicy.ofDefaults(),
                    new ClamdVirusScanner(clamd.config().build()), new FileSystemAttachmentStore(root));

            StoredAttachment stored = intake.accept(new AttachmentUpload("letter.doc", TestFiles.doc()));

            assertThat(stored.mimeType()).isEqualTo("application/msword");
            assertThat(new FileSystemAttachmentStore(root).find(stored.id())).contains(stored);
            assertThatThrownBy(() -> intake.accept(new AttachmentUpload("photo.jpg", TestFiles.jpeg())))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.hasCode(AttachmentIntake.INFECTED)).isTrue());
        }
    }
}
