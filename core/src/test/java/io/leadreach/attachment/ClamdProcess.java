package io.leadreach.attachment;

import io.leadreach.contract.LocalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A real clamd (Debian's {@code clamav-daemon}) started for a test class, in the foreground, on a
 * private Unix domain socket and a free loopback TCP port, with an offline signature database this
 * fixture writes: no download, no freshclam, no system service. The database holds two signatures
 * of its own ({@code .ndb}, matching anywhere in a file): one for the EICAR test string (ClamAV's own
 * EICAR detection lives in the official database, which the tests do not have) and one for
 * {@link #MARKER}. clamd names signatures from an unsigned database with {@code .UNOFFICIAL}.
 *
 * <p>{@code StreamMaxLength} is {@link #STREAM_MAX_LENGTH} (1 MiB), so the over-limit case is cheap.
 * When {@code /usr/sbin/clamd} (or the system property {@code leadreach.test.clamd}) is missing, the
 * tests are skipped, or fail under {@code -Pall} ({@link LocalServer#assumeInstalled}).
 *
 * <pre>{@code
 * @ExtendWith(ClamdProcess.Installed.class) // skips (or fails) the class before anything starts
 * class SomeTest {
 *     static ClamdProcess clamd;
 *     @BeforeAll static void start() { clamd = ClamdProcess.start(); }
 *     @AfterAll static void stop() { clamd.close(); }
 * }
 * }</pre>
 */
public final class ClamdProcess implements AutoCloseable {

    /**
     * Disables a test class, with the reason, when clamd is not installed, before any of its
     * lifecycle runs (a Spring context included); fails it instead when the property
     * {@value LocalServer#REQUIRED_PROPERTY} is true.
     */
    public static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            try {
                LocalServer.assumeInstalled(NAME, program());
                return ConditionEvaluationResult.enabled(NAME + " is installed at " + program());
            } catch (TestAbortedException e) {
                return ConditionEvaluationResult.disabled(e.getMessage());
            }
        }
    }

    /** What clamd answers for a file holding the EICAR test string. */
    public static final String EICAR_SIGNATURE = "LeadReach.Test.EICAR.UNOFFICIAL";
    /** What clamd answers for a file holding {@link #MARKER}. */
    public static final String MARKER_SIGNATURE = "LeadReach.Test.Marker.UNOFFICIAL";
    /** The custom signature's text: a file holding it is "infected". */
    public static final String MARKER = "LEADREACH-TEST-MALWARE-MARKER-4b1d";
    /** clamd's {@code StreamMaxLength} here: an INSTREAM longer than this is refused. */
    public static final int STREAM_MAX_LENGTH = 1024 * 1024;

    private static final Path DEFAULT_CLAMD = Path.of("/usr/sbin/clamd");
    private static final String NAME = "clamd (Debian's clamav-daemon)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Process process;
    private final int port;

    private ClamdProcess(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /**
     * The EICAR anti-virus test string. Put together here so that this source file is not itself
     * detected by a scanner on a developer's machine.
     */
    public static String eicar() {
        return "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS" + "-TEST-FILE!$H+H*";
    }

    /** A PDF (so the attachment policy admits it) carrying the EICAR test string. */
    public static byte[] eicarPdf() {
        return TestFiles.pdf(eicar());
    }

    /** A PDF carrying {@link #MARKER}. */
    public static byte[] markerPdf() {
        return TestFiles.pdf(MARKER);
    }

    /** Starts clamd and returns when it answers PING on both its socket and its port. */
    public static ClamdProcess start() {
        Path clamd = program();
        LocalServer.assumeInstalled(NAME, clamd);
        try {
            Path dir = Files.createTempDirectory("leadreach-clamd");
            Files.writeString(dir.resolve("leadreach-test.ndb"),
                    "LeadReach.Test.EICAR:0:*:" + hex(eicar()) + "\n"
                            + "LeadReach.Test.Marker:0:*:" + hex(MARKER) + "\n", StandardCharsets.US_ASCII);
            int port = freePort();
            Files.writeString(dir.resolve("clamd.conf"), String.join("\n",
                    "Foreground yes",
                    "LocalSocket " + dir.resolve("clamd.sock"),
                    "TCPSocket " + port,
                    "TCPAddr 127.0.0.1",
                    "DatabaseDirectory " + dir,
                    "PidFile " + dir.resolve("clamd.pid"),
                    "TemporaryDirectory " + dir,
                    "StreamMaxLength " + STREAM_MAX_LENGTH,
                    "SelfCheck 0",
                    ""), StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(clamd.toString(), "--config-file=" + dir.resolve("clamd.conf"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("clamd.log").toFile()).start();
            ClamdProcess started = new ClamdProcess(dir, process, port);
            started.awaitAnswering();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start clamd", e);
        }
    }

    private void awaitAnswering() {
        ClamdVirusScanner tcp = new ClamdVirusScanner(tcp().timeout(Duration.ofSeconds(2)).build());
        ClamdVirusScanner local = new ClamdVirusScanner(socket().timeout(Duration.ofSeconds(2)).build());
        try {
            Awaitility.await("clamd answering PING").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .failFast(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("clamd exited with " + process.exitValue() + ": " + log());
                        }
                    })
                    .until(() -> tcp.ping() && local.ping());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** A configuration reaching this clamd over TCP on 127.0.0.1. */
    public ClamdConfig.Builder tcp() {
        return ClamdConfig.custom().host("127.0.0.1").port(port);
    }

    /** A configuration reaching this clamd over its Unix domain socket. */
    public ClamdConfig.Builder socket() {
        return ClamdConfig.custom().socket(socketPath());
    }

    /** clamd's Unix domain socket. */
    public Path socketPath() {
        return dir.resolve("clamd.sock");
    }

    /** clamd's loopback TCP port. */
    public int port() {
        return port;
    }

    /** What clamd has printed so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("clamd.log"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops clamd (SIGTERM, then SIGKILL after 10 s) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static Path program() {
        return Path.of(System.getProperty("leadreach.test.clamd", DEFAULT_CLAMD.toString()));
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
