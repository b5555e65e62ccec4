package io.leadreach.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClamdVirusScanner} against a real clamd ({@link ClamdProcess}: its own offline database,
 * a private socket and port), over TCP and over the Unix domain socket.
 */
@Timeout(60)
@ExtendWith(ClamdProcess.Installed.class)
class RealClamdScannerTest {

    private static ClamdProcess clamd;

    @BeforeAll
    static void startClamd() {
        clamd = ClamdProcess.start();
    }

    @AfterAll
    static void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    private static ClamdVirusScanner scanner(String transport) {
        return new ClamdVirusScanner((transport.equals("tcp") ? clamd.tcp() : clamd.socket()).build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "socket"})
    void eicarIsFoundByItsSignature(String transport) {
        ClamdVirusScanner scanner = scanner(transport);

        assertThat(timed(transport + " eicar.com", () -> scanner.scan(ClamdProcess.eicar().getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(ScanResult.infected(ClamdProcess.EICAR_SIGNATURE));
        assertThat(timed(transport + " eicar.pdf", () -> scanner.scan(ClamdProcess.eicarPdf())))
                .isEqualTo(ScanResult.infected(ClamdProcess.EICAR_SIGNATURE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "socket"})
    void theCustomSignatureIsFound(String transport) {
        assertThat(timed(transport + " marker.pdf", () -> scanner(transport).scan(ClamdProcess.markerPdf())))
                .isEqualTo(ScanResult.infected(ClamdProcess.MARKER_SIGNATURE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "socket"})
    void aCleanPdfIsClean(String transport) {
        ClamdVirusScanner scanner = scanner(transport);

        assertThat(timed(transport + " clean.pdf", () -> scanner.scan(TestFiles.pdf("quote 2026-03")))).isEqualTo(ScanResult.clean());
        assertThat(timed(transport + " clean 1 MiB pdf", () -> scanner.scan(TestFiles.pdfOfSize(ClamdProcess.STREAM_MAX_LENGTH))))
                .isEqualTo(ScanResult.clean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "socket"})
    void aStreamOverStreamMaxLengthIsTooLargeNeverClean(String transport) {
        ClamdVirusScanner scanner = scanner(transport);
        // One byte over, and far over (clamd stops reading and hangs up while the file is still sent).
        for (int size : new int[] {ClamdProcess.STREAM_MAX_LENGTH + 1, 8 * ClamdProcess.STREAM_MAX_LENGTH}) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> scanner.scan(TestFiles.pdfOfSize(size)))
                    .isInstanceOfSatisfying(VirusScanException.class,
                            e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.TOO_LARGE))
                    .hasMessageContaining("INSTREAM size limit exceeded");
            report(transport + " " + size + " bytes (refused)", start);
        }
    }

    @Test
    void theIntakeRefusesWhatClamdFindsAndStoresOnlyTheCleanFile(@TempDir Path root) throws Exception {
        FileSystemAttachmentStore store = new FileSystemAttachmentStore(root);
        AttachmentIntake intake = new AttachmentIntake(AttachmentPolicy.ofDefaults(), scanner("socket"), store);

        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("invoice.pdf", ClamdProcess.eicarPdf())))
                .isInstanceOfSatisfying(AttachmentInfectedException.class,
                        e -> assertThat(e.signature()).isEqualTo(ClamdProcess.EICAR_SIGNATURE));
        assertThatThrownBy(() -> intake.accept(new AttachmentUpload("big.pdf", TestFiles.pdfOfSize(2 * ClamdProcess.STREAM_MAX_LENGTH))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasCode(AttachmentIntake.NOT_SCANNABLE)).isTrue());
        assertThat(regularFiles(root)).as("nothing stored").isZero();

        StoredAttachment clean = intake.accept(new AttachmentUpload("quote.pdf", TestFiles.pdf()));

        assertThat(store.find(clean.id())).contains(clean);
        assertThat(regularFiles(root)).isPositive();
    }

    private static long regularFiles(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(root)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    @Test
    void aStoppedClamdIsUnavailable() {
        ClamdProcess other = ClamdProcess.start();
        ClamdVirusScanner tcp = new ClamdVirusScanner(other.tcp().timeout(Duration.ofSeconds(2)).build());
        ClamdVirusScanner local = new ClamdVirusScanner(other.socket().timeout(Duration.ofSeconds(2)).build());
        assertThat(tcp.scan(TestFiles.pdf()).isClean()).isTrue();

        other.close();

        for (ClamdVirusScanner scanner : new ClamdVirusScanner[] {tcp, local}) {
            assertThatThrownBy(() -> scanner.scan(TestFiles.pdf()))
                    .isInstanceOfSatisfying(VirusScanException.class,
                            e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.UNAVAILABLE))
                    .hasMessageContaining("cannot talk to clamd");
        }
    }

    private static <T> T timed(String what, Supplier<T> scan) {
        long start = System.nanoTime();
        T result = scan.get();
        report(what + " -> " + result, start);
        return result;
    }

    private static void report(String what, long startNanos) {
        System.out.printf("clamd scan %s: %.1f ms%n", what, (System.nanoTime() - startNanos) / 1e6);
    }
}
