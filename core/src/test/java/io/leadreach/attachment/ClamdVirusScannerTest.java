package io.leadreach.attachment;

import io.leadreach.ValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class ClamdVirusScannerTest {

    private FakeClamd clamd;

    @BeforeEach
    void startClamd() throws Exception {
        clamd = new FakeClamd();
    }

    @AfterEach
    void stopClamd() throws Exception {
        clamd.close();
    }

    @Test
    void cleanFileIsClean() {
        byte[] file = TestFiles.pdf();

        ScanResult result = scanner(clamd.config()).scan(file);

        assertThat(result).isEqualTo(ScanResult.clean());
        assertThat(result.isClean()).isTrue();
        assertThat(clamd.commands).containsExactly("zINSTREAM");
        assertThat(clamd.streams).singleElement().isEqualTo(file);
    }

    @Test
    void infectedFileNamesTheSignature() {
        clamd.responder = bytes -> "stream: Win.Test.Fake-Signature-1 FOUND";

        ScanResult result = scanner(clamd.config()).scan(TestFiles.pdf());

        assertThat(result).isEqualTo(ScanResult.infected("Win.Test.Fake-Signature-1"));
        assertThat(result.isClean()).isFalse();
    }

    @Test
    void fileIsStreamedInChunksOfTheConfiguredSizeAndTerminatedByAZeroLength() {
        byte[] file = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        scanner(clamd.config().chunkSize(4)).scan(file);

        assertThat(clamd.chunkLengths).containsExactly(List.of(4, 4, 2, 0));
        assertThat(clamd.streams).singleElement().isEqualTo(file);
    }

    @Test
    void emptyFileSendsOnlyTheTerminator() {
        scanner(clamd.config()).scan(new byte[0]);

        assertThat(clamd.chunkLengths).containsExactly(List.of(0));
    }

    @Test
    void largeFileArrivesIntact() {
        byte[] file = TestFiles.pdfOfSize(3 * 1024 * 1024 + 7);

        assertThat(scanner(clamd.config()).scan(file).isClean()).isTrue();

        assertThat(clamd.streams).singleElement().isEqualTo(file);
        assertThat(clamd.chunkLengths.get(0)).hasSize(3 * 16 + 2).last().isEqualTo(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream: Can't allocate memory ERROR",
        "stream: WHAT", "stream: FOUND", "", "UNKNOWN COMMAND"})
    void anythingButOkOrFoundIsAFailureNotClean(String reply) {
        clamd.responder = bytes -> reply;

        assertThatThrownBy(() -> scanner(clamd.config()).scan(TestFiles.pdf()))
                .isInstanceOfSatisfying(VirusScanException.class,
                        e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.FAILED))
                .hasMessageContaining("could not scan");
    }

    @Test
    void sizeLimitAnswerIsTooLargeNotClean() throws Exception {
        clamd.responder = bytes -> "INSTREAM size limit exceeded. ERROR";

        assertThatThrownBy(() -> scanner(clamd.config()).scan(TestFiles.pdf()))
                .isInstanceOfSatisfying(VirusScanException.class,
                        e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.TOO_LARGE))
                .hasMessageContaining("INSTREAM size limit exceeded");
    }

    @Test
    void unixDomainSocketCarriesTheSameConversation(@TempDir Path dir) throws Exception {
        try (FakeClamd local = new FakeClamd(dir.resolve("clamd.sock"))) {
            local.responder = bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains("MARK")
                    ? "stream: Test.Marker FOUND" : "stream: OK";
            ClamdVirusScanner scanner = scanner(local.config().chunkSize(5));

            assertThat(scanner.scan(TestFiles.pdf())).isEqualTo(ScanResult.clean());
            assertThat(scanner.scan(TestFiles.pdf("MARK"))).isEqualTo(ScanResult.infected("Test.Marker"));
            assertThat(scanner.ping()).isTrue();
            assertThat(local.commands).containsExactly("zINSTREAM", "zINSTREAM", "zPING");
            assertThat(local.streams.get(0)).isEqualTo(TestFiles.pdf());
            assertThat(local.chunkLengths.get(0)).allMatch(n -> n <= 5).last().isEqualTo(0);
            assertThat(scanner).hasToString("ClamdVirusScanner[" + dir.resolve("clamd.sock") + "]");
        }
    }

    @Test
    void missingUnixDomainSocketIsUnavailable(@TempDir Path dir) {
        ClamdVirusScanner scanner = scanner(ClamdConfig.custom().socket(dir.resolve("no-such.sock")));

        assertThatThrownBy(() -> scanner.scan(TestFiles.pdf()))
                .isInstanceOfSatisfying(VirusScanException.class,
                        e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.UNAVAILABLE))
                .hasMessageContaining("cannot talk to clamd at " + dir.resolve("no-such.sock"));
        assertThat(scanner.ping()).isFalse();
    }

    @Test
    void hangingUpWithoutAnAnswerIsAFailure() {
        clamd.behaviour = FakeClamd.Behaviour.HANG_UP;

        assertThatThrownBy(() -> scanner(clamd.config()).scan(TestFiles.pdf()))
                .isInstanceOf(VirusScanException.class);
    }

    @Test
    void unreachableClamdIsAFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> scanner(ClamdConfig.custom().host("127.0.0.1").port(closedPort)).scan(TestFiles.pdf()))
                .isInstanceOfSatisfying(VirusScanException.class,
                        e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.UNAVAILABLE))
                .hasMessageContaining("cannot talk to clamd at 127.0.0.1:" + closedPort);
    }

    @Test
    void silentClamdTimesOut() {
        clamd.behaviour = FakeClamd.Behaviour.SILENT;
        long start = System.nanoTime();

        assertThatThrownBy(() -> scanner(clamd.config().timeout(Duration.ofMillis(300))).scan(TestFiles.pdf()))
                .isInstanceOfSatisfying(VirusScanException.class,
                        e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.UNAVAILABLE))
                .hasMessageContaining("did not answer within PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void clamdThatStopsReadingTimesOutWhileTheFileIsBeingSent() {
        clamd.behaviour = FakeClamd.Behaviour.STOP_READING;
        byte[] file = new byte[48 * 1024 * 1024]; // more than the socket buffers hold
        long start = System.nanoTime();

        assertThatThrownBy(() -> scanner(clamd.config().timeout(Duration.ofMillis(300)).chunkSize(1024 * 1024)).scan(file))
                .isInstanceOf(VirusScanException.class)
                .hasMessageContaining("did not answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pingSaysWhetherClamdAnswers() throws Exception {
        ClamdVirusScanner scanner = scanner(clamd.config());

        assertThat(scanner.ping()).isTrue();
        assertThat(clamd.commands).containsExactly("zPING");

        clamd.close();
        assertThat(scanner.ping()).isFalse();
    }

    @Test
    void configHasDefaultsAndValidatesItsValues() {
        ClamdConfig defaults = ClamdConfig.ofDefaults();
        assertThat(defaults.host()).isEqualTo("localhost").isEqualTo(ClamdConfig.DEFAULT_HOST);
        assertThat(defaults.port()).isEqualTo(3310).isEqualTo(ClamdConfig.DEFAULT_PORT);
        assertThat(defaults.timeout()).isEqualTo(ClamdConfig.DEFAULT_TIMEOUT);
        assertThat(defaults.chunkSize()).isEqualTo(ClamdConfig.DEFAULT_CHUNK_SIZE);
        assertThat(ClamdVirusScanner.ofDefaults().config()).isEqualTo(defaults);
        assertThat(ClamdConfig.from(defaults).port(3311).build()).isNotEqualTo(defaults);
        assertThat(ClamdConfig.from(defaults).build()).isEqualTo(defaults);

        assertThatThrownBy(() -> ClamdConfig.custom().host(" ").build()).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ClamdConfig.custom().port(0).build()).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ClamdConfig.custom().port(65_536).build()).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ClamdConfig.custom().timeout(Duration.ZERO).build())
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ClamdConfig.custom().timeout(Duration.ofDays(9999)).build())
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ClamdConfig.custom().chunkSize(0).build()).isInstanceOf(ValidationException.class);
        assertThat(defaults.socket()).isEmpty();
        assertThat(defaults.address()).isEqualTo("localhost:3310");
    }

    @Test
    void configReachesClamdOverASocketOrTcpNotBoth() {
        Path socket = Path.of("run", "clamd.ctl");
        ClamdConfig local = ClamdConfig.custom().socket(socket).timeout(Duration.ofSeconds(3)).build();

        assertThat(local.socket()).contains(socket);
        assertThat(local.address()).isEqualTo(socket.toString());
        assertThat(local).hasToString("ClamdConfig[socket=" + socket + ", timeout=PT3S, chunkSize=65536]");
        assertThat(ClamdConfig.from(local).build()).isEqualTo(local);
        assertThat(local).isNotEqualTo(ClamdConfig.custom().timeout(Duration.ofSeconds(3)).build());
        assertThatThrownBy(() -> ClamdConfig.custom().socket(socket).host("clamav").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> ClamdConfig.custom().port(3311).socket(socket).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> ClamdConfig.custom().socket(Path.of("")).build()).isInstanceOf(ValidationException.class);
    }

    @Test
    void noScannerCallsEverythingClean() {
        assertThat(VirusScanner.NONE.scan(TestFiles.windowsExecutable())).isEqualTo(ScanResult.clean());
        assertThat(VirusScanner.NONE).hasToString("VirusScanner.NONE");
    }

    @Test
    void infectionNeedsASignature() {
        assertThatIllegalArgumentException().isThrownBy(() -> ScanResult.infected(" "));
    }

    private static ClamdVirusScanner scanner(ClamdConfig.Builder config) {
        return new ClamdVirusScanner(config.build());
    }
}
