package io.leadreach.contract;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * A server on this machine that a test suite needs (PostgreSQL, MariaDB), or a program it starts
 * (clamd): when nothing listens at its address, or the program is not installed, the suite's tests
 * are skipped with a message saying what to start or install, unless the system property
 * {@value #REQUIRED_PROPERTY} is {@code true} (the build's {@code all} profile, hence CI, sets it);
 * then the same check fails the test instead.
 */
public final class LocalServer {

    /** The system property that turns a server that is not running into a failure instead of a skip. */
    public static final String REQUIRED_PROPERTY = "leadreach.test.databases.required";

    private static final Pattern JDBC_HOST = Pattern.compile("^jdbc:[a-z]+://([^/:?]+)(?::(\\d+))?");

    private LocalServer() {
    }

    /**
     * Returns when something accepts connections at the JDBC URL's host and port ({@code defaultPort}
     * when the URL names none); otherwise skips the calling test, or fails it when required.
     */
    public static void assumeDatabaseRunning(String name, String jdbcUrl, int defaultPort) {
        Matcher m = JDBC_HOST.matcher(jdbcUrl);
        if (!m.find()) {
            return; // not a host:port URL (a socket, say): let the driver speak for itself
        }
        assumeRunning(name, m.group(1), m.group(2) == null ? defaultPort : Integer.parseInt(m.group(2)));
    }

    /** Returns when something accepts connections at host:port; otherwise skips the test, or fails it when required. */
    public static void assumeRunning(String name, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            throw missing(name + " is not running at " + host + ":" + port + " (" + e.getMessage() + ")", "Start", e);
        }
    }

    /**
     * Returns when {@code program} is an executable file (such as Debian's {@code /usr/sbin/clamd});
     * otherwise skips the test, or fails it when required.
     */
    public static void assumeInstalled(String name, Path program) {
        if (!Files.isExecutable(program)) {
            throw missing(name + " is not installed (no executable " + program + ")", "Install", null);
        }
    }

    private static RuntimeException missing(String what, String verb, Exception cause) {
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            return new IllegalStateException(what + ": -Pall and CI need it for these tests. " + verb + " it (docs/testing.md)"
                    + ", or build without -Pall to skip them.", cause);
        }
        return new TestAbortedException(what + ": the tests that need it are skipped. " + verb + " it (docs/testing.md), or"
                + " build with -Pall to make this a failure.", cause);
    }
}
