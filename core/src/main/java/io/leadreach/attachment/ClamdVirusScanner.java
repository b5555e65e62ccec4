package io.leadreach.attachment;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link VirusScanner} that asks clamd, the ClamAV daemon, over TCP or a Unix domain socket
 * ({@link ClamdConfig#socket()}) with its {@code INSTREAM} command: it sends {@code zINSTREAM\0}, then the file in chunks each preceded by its length as a
 * 4-byte big-endian number, then a zero length; clamd answers {@code stream: OK},
 * {@code stream: <signature> FOUND} or a message ending in {@code ERROR}, terminated by NUL.
 *
 * <p>One connection per scan; thread-safe. {@link ClamdConfig#timeout()} bounds the whole scan
 * (connect, send, answer): when it passes, the connection is closed and the scan fails. A failure is
 * a {@link VirusScanException}, never a clean result, with its {@link VirusScanException#reason()}:
 * <ul>
 *   <li>{@link VirusScanException.Reason#UNAVAILABLE}: clamd cannot be reached (nothing listens,
 *       no socket file, unknown host), hangs up without answering, or does not answer in time;</li>
 *   <li>{@link VirusScanException.Reason#TOO_LARGE}: clamd answered {@code INSTREAM size limit
 *       exceeded} (the file is larger than its {@code StreamMaxLength}, 25 MB by default; clamd
 *       says so and closes the connection while the file is still being sent);</li>
 *   <li>{@link VirusScanException.Reason#FAILED}: any other answer than {@code OK} or
 *       {@code FOUND}, such as {@code Can't allocate memory ERROR}.</li>
 * </ul>
 * Configure clamd with {@code TCPSocket} (and {@code TCPAddr}) or {@code LocalSocket}.
 */
public final class ClamdVirusScanner implements VirusScanner {

    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REPLY = 4096;
    private static final String OK_SUFFIX = ": OK";
    private static final String FOUND_SUFFIX = " FOUND";
    /** clamd's answer when a stream passes its {@code StreamMaxLength}. */
    private static final String SIZE_LIMIT = "INSTREAM size limit exceeded";

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
        return "ClamdVirusScanner[" + config.address() + "]";
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
        VirusScanException.Reason reason = reply.startsWith(SIZE_LIMIT)
                ? VirusScanException.Reason.TOO_LARGE : VirusScanException.Reason.FAILED;
        throw new VirusScanException(reason, "clamd could not scan the file: "
                + (reply.isEmpty() ? "(no answer)" : reply), null);
    }

    private interface Request {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Sends a request on a fresh connection and returns clamd's reply, without its NUL or newline. */
    private String converse(Request request) {
        long timeoutMillis = config.timeout().toMillis();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        try (SocketChannel channel = open()) {
            // The deadline closes the channel, which unblocks a connect, write or read in progress
            // (AsynchronousCloseException). Completing it normally (in finally) cancels the timer.
            deadline.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((ignored, failure) -> {
                if (failure instanceof TimeoutException) {
                    timedOut.set(true);
                    closeQuietly(channel);
                }
            });
            channel.connect(address());
            OutputStream out = Channels.newOutputStream(channel);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 256);
            try {
                request.writeTo(out);
                out.flush();
            } catch (IOException writeFailed) {
                // clamd closes the connection when a stream passes StreamMaxLength, after saying why.
                String reply = timedOut.get() ? "" : readReplyQuietly(in);
                if (!reply.isEmpty()) {
                    return reply;
                }
                throw writeFailed;
            }
            return readReply(in);
        } catch (IOException | UnresolvedAddressException e) {
            if (timedOut.get()) {
                throw new VirusScanException(VirusScanException.Reason.UNAVAILABLE, "clamd at " + config.address()
                        + " did not answer within " + config.timeout(), e);
            }
            throw new VirusScanException(VirusScanException.Reason.UNAVAILABLE, "cannot talk to clamd at "
                    + config.address() + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        } finally {
            deadline.complete(null);
        }
    }

    private SocketChannel open() throws IOException {
        return config.socket().isPresent() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
    }

    private SocketAddress address() {
        return config.socket().<SocketAddress>map(UnixDomainSocketAddress::of)
                .orElseGet(() -> new InetSocketAddress(config.host(), config.port()));
    }

    private static String readReplyQuietly(InputStream in) {
        try {
            return readReply(in);
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

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing to abort; nothing to report
        }
    }
}
