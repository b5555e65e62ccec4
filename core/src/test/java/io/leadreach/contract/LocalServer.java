package io.leadreach.contract;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * A server on this machine that a test suite needs (PostgreSQL, MariaDB): when nothing listens at
 * its address, the suite's tests are skipped with a message saying what to start, unless the
 * system property {@value #REQUIRED_PROPERTY} is {@code true} (the build's {@code all} profile,
 * hence CI, sets it); then the same check fails the test instead.
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
            String what = name + " is not running at " + host + ":" + port + " (" + e.getMessage() + ")";
            if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
                throw new IllegalStateException(what + ": -Pall and CI need it for these tests. Start it"
                        + " (docs/testing.md), or build without -Pall to skip them.", e);
            }
            throw new TestAbortedException(what + ": the tests that need it are skipped. Start it (docs/testing.md), or"
                    + " build with -Pall to make this a failure.", e);
        }
    }
}
