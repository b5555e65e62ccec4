package io.leadreach.attachment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link VirusScanner} that asks clamd, the ClamAV daemon, over TCP with its {@code INSTREAM}
 * command: it sends {@code zINSTREAM\0}, then the file in chunks each preceded by its length as a
 * 4-byte big-endian number, then a zero length; clamd answers {@code stream: OK},
 * {@code stream: <signature> FOUND} or a message ending in {@code ERROR}, terminated by NUL.
 *
 * <p>One connection per scan; thread-safe. {@link ClamdConfig#timeout()} bounds the whole scan:
 * when it passes, the connection is closed and the scan fails. Files larger than clamd's
 * {@code StreamMaxLength} (25 MB by default) are refused by clamd, which is a
 * {@link VirusScanException}, not a clean result. Configure clamd with {@code TCPSocket}.
 */
public final class ClamdVirusScanner implements VirusScanner {

    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REPLY = 4096;
    private static final String OK_SUFFIX = ": OK";
    private static final String FOUND_SUFFIX = " FOUND";

    private final ClamdConfig config;

    /** A scanner configured by {@code config}. */
    public ClamdVirusScanner(ClamdConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A scanner for clamd at {@link ClamdConfig#ofDefaults()} ({@code localhost:3310}). */
    public static ClamdVirusScanner ofDefaults() {
        return new ClamdVirusScanner(ClamdConfig.ofDefaults());
    }

    /** The configuration. */
    public ClamdConfig config() {
        return config;
    }

    @Override
    public ScanResult scan(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        String reply = converse(out -> {
            out.write(INSTREAM);
            byte[] length = new byte[4];
            for (int offset = 0; offset < bytes.length; offset += config.chunkSize()) {
                int n = Math.min(config.chunkSize(), bytes.length - offset);
                writeLength(length, n);
                out.write(length);
                out.write(bytes, offset, n);
            }
            writeLength(length, 0);
            out.write(length);
        });
        return parse(reply);
    }

    /**
     * Whether clamd answers {@code PING} with {@code PONG} within the timeout; for health checks.
     * Never throws for an unreachable clamd.
     */
    public boolean ping() {
        try {
            return "PONG".equals(converse(out -> out.write(PING)));
        } catch (VirusScanException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ClamdVirusScanner[" + config.host() + ":" + config.port() + "]";
    }

    static ScanResult parse(String reply) {
        if (reply.endsWith(OK_SUFFIX)) {
            return ScanResult.clean();
        }
        if (reply.endsWith(FOUND_SUFFIX)) {
            String body = reply.substring(0, reply.length() - FOUND_SUFFIX.length());
            int colon = body.indexOf(':');
            String signature = (colon >= 0 ? body.substring(colon + 1) : body).strip();
            if (!signature.isEmpty()) {
                return ScanResult.infected(signature);
            }
        }
        throw new VirusScanException("clamd could not scan the file: " + (reply.isEmpty() ? "(no answer)" : reply));
    }

    private interface Request {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Sends a request on a fresh connection and returns clamd's reply, without its NUL or newline. */
    private String converse(Request request) {
        int timeoutMillis = (int) config.timeout().toMillis();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        try (Socket socket = new Socket()) {
            // The deadline closes the socket, which unblocks a connect, write or read in progress.
            // Completing it normally (in finally) cancels the timer.
            deadline.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((ignored, failure) -> {
                if (failure instanceof TimeoutException) {
                    timedOut.set(true);
                    closeQuietly(socket);
                }
            });
            socket.setSoTimeout(timeoutMillis);
            socket.connect(new InetSocketAddress(config.host(), config.port()), timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                request.writeTo(out);
                out.flush();
            } catch (SocketException writeFailed) {
                // clamd closes the connection when a stream passes StreamMaxLength, after saying why.
                String reply = readReplyQuietly(socket);
                if (!reply.isEmpty()) {
                    return reply;
                }
                throw writeFailed;
            }
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            if (timedOut.get() || e instanceof java.net.SocketTimeoutException) {
                throw new VirusScanException("clamd at " + config.host() + ":" + config.port()
                        + " did not answer within " + config.timeout(), e);
            }
            throw new VirusScanException("cannot talk to clamd at " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        } finally {
            deadline.complete(null);
        }
    }

    private static String readReplyQuietly(Socket socket) {
        try {
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            return "";
        }
    }

    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != 0) {
            if (reply.size() >= MAX_REPLY) {
                throw new IOException("clamd's answer is longer than " + MAX_REPLY + " bytes");
            }
            reply.write(b);
        }
        return reply.toString(StandardCharsets.UTF_8).strip();
    }

    private static void writeLength(byte[] target, int length) {
        target[0] = (byte) (length >>> 24);
        target[1] = (byte) (length >>> 16);
        target[2] = (byte) (length >>> 8);
        target[3] = (byte) length;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing to abort; nothing to report
        }
    }
}
