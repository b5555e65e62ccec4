package io.leadreach.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import io.leadreach.memory.InMemoryAttachmentStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import io.leadreach.metrics.EngineObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
                .isInstanceOfSatisfying(AttachmentInfectedException.class, e -> {
                    assertThat(e.signature()).isEqualTo("Test.Fake-Signature");
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

    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final EngineObserver observer = new EngineObserver() {
        @Override
        public void onAttachmentScan(String outcome) {
            outcomes.add(outcome);
        }
    };

    private static VirusScanner failing(VirusScanException.Reason reason) {
        return bytes -> {
            throw new VirusScanException(reason, "scanner says " + reason, null);
        };
    }

    private AttachmentIntake intake(VirusScanner scanner, ScanMode mode) {
        return new AttachmentIntake(AttachmentPolicy.ofDefaults(), scanner, store, mode, observer);
    }

    @ParameterizedTest
    @EnumSource(value = VirusScanException.Reason.class, names = {"UNAVAILABLE", "FAILED"})
    void requiredScanRefusesAFileTheScannerCouldNotScan(VirusScanException.Reason reason) {
        AttachmentIntake intake = intake(failing(reason), ScanMode.REQUIRED);

        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("quote.pdf", TestFiles.pdf())))
                .isInstanceOfSatisfying(VirusScanException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(store.size()).isZero();
        assertThat(outcomes).containsExactly(EngineObserver.SCAN_REFUSED);
        assertThat(intake.mode()).isEqualTo(ScanMode.REQUIRED);
    }

    @Test
    void requiredScanRefusesAFileTooLargeForTheScannerAsNotScannable() {
        AttachmentIntake intake = intake(failing(VirusScanException.Reason.TOO_LARGE), ScanMode.REQUIRED);

        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("quote.pdf", TestFiles.pdfOfSize(4096))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo(AttachmentPolicy.FIELD);
                            assertThat(error.code()).isEqualTo(AttachmentIntake.NOT_SCANNABLE);
                            assertThat(error.message()).contains("4096 bytes");
                        }));
        assertThat(store.size()).isZero();
        assertThat(outcomes).containsExactly(EngineObserver.SCAN_REFUSED);
    }

    @ParameterizedTest
    @EnumSource(VirusScanException.Reason.class)
    void bestEffortScanStoresAFileTheScannerCouldNotScanAndSaysSo(VirusScanException.Reason reason) {
        AttachmentIntake intake = intake(failing(reason), ScanMode.BEST_EFFORT);

        StoredAttachment stored = intake.accept(new AttachmentUpload("quote.pdf", TestFiles.pdf()));

        assertThat(store.find(stored.id())).contains(stored);
        assertThat(outcomes).containsExactly(EngineObserver.SCAN_UNSCANNED);
    }

    @Test
    void bestEffortScanStillRefusesAnInfectedFile() {
        AttachmentIntake intake = intake(answering(ScanResult.infected("Test.Fake-Signature")), ScanMode.BEST_EFFORT);

        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("quote.pdf", TestFiles.pdf())))
                .isInstanceOf(AttachmentInfectedException.class);
        assertThat(store.size()).isZero();
        assertThat(outcomes).containsExactly(EngineObserver.SCAN_INFECTED);
    }

    @Test
    void everyScanOutcomeIsObservedAndAThrowingObserverChangesNothing() {
        AttachmentIntake intake = intake(answering(ScanResult.clean()), ScanMode.REQUIRED);
        intake.accept(new AttachmentUpload("a.pdf", TestFiles.pdf("a")));
        assertThat(outcomes).containsExactly(EngineObserver.SCAN_CLEAN);

        AttachmentIntake throwing = new AttachmentIntake(AttachmentPolicy.ofDefaults(), answering(ScanResult.clean()),
                store, ScanMode.REQUIRED, new EngineObserver() {
                    @Override
                    public void onAttachmentScan(String outcome) {
                        throw new IllegalStateException("observer broke");
                    }
                });
        StoredAttachment stored = throwing.accept(new AttachmentUpload("b.pdf", TestFiles.pdf("b")));
        assertThat(store.find(stored.id())).contains(stored);
    }

    @Test
    void withoutAScannerNoScanIsReported() {
        AttachmentIntake intake = intake(VirusScanner.NONE, ScanMode.REQUIRED);

        StoredAttachment stored = intake.accept(new AttachmentUpload("c.pdf", TestFiles.pdf("c")));

        assertThat(store.find(stored.id())).contains(stored);
        assertThat(outcomes).isEmpty();
    }
}
