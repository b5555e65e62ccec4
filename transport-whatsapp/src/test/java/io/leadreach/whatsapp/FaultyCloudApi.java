package io.leadreach.whatsapp;

import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Cloud API {@code POST /messages} endpoint that misbehaves on purpose, down to the socket: it
 * answers each request by the script of its recipient (the body's {@code to}) and can also reset
 * connections before it has read anything. What {@link WhatsAppCloudSimulator} cannot do:
 * <ul>
 *   <li>reset a connection (RST, through {@code SO_LINGER} 0) as soon as it is accepted, before a
 *       byte of the request is read ({@link #resetNextConnectionsBeforeRead});</li>
 *   <li>reset it after reading the whole request, without answering ({@link Answer#resetAfterRead()});</li>
 *   <li>never answer ({@link Answer#noAnswer()}), or answer after a delay ({@link Answer#slow});</li>
 *   <li>answer 200 with malformed JSON or without {@code messages[].id}, any status with a Graph
 *       error body or any other body.</li>
 * </ul>
 *
 * <p>It is a plain HTTP/1.1 server on a {@link ServerSocket}, one thread per connection, with
 * keep-alive (HttpClient pools its connections; a reset on one it reuses is part of the test). It
 * reads only what CloudApiTransport sends: a request with a {@code Content-Length} body; anything
 * else fails the request with 501 and is recorded as a protocol error, which the tests assert
 * there are none of. It counts every request it read per recipient, so a test can assert how many
 * times a recipient was attempted; a request reset before it was read has no recipient and is
 * counted in {@link #resetsBeforeRead()} only.
 */
final class FaultyCloudApi implements Closeable {

    /** The phone number id in the path it serves. */
    static final String PHONE_NUMBER_ID = "1234567890";
    static final String MESSAGES_PATH = "/v23.0/" + PHONE_NUMBER_ID + "/messages";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    /** What the server does with one request it has read. */
    sealed interface Answer {
        /** 200 with a fresh message id, after {@code delay} (zero: at once). */
        record Accept(Duration delay) implements Answer {
        }

        /** This status and body (a Graph error, an HTML page, malformed JSON...), at once. */
        record Respond(int status, String contentType, String body) implements Answer {
        }

        /** Reset the connection (RST) after the whole request was read, without answering. */
        record ResetAfterRead() implements Answer {
        }

        /** Read the request and never answer; the connection stays open until the client gives up. */
        record NoAnswer() implements Answer {
        }

        static Answer accept() {
            return new Accept(Duration.ZERO);
        }

        static Answer slow(Duration delay) {
            return new Accept(delay);
        }

        /** A Graph error object with this code, under this HTTP status. */
        static Answer graphError(int status, int code) {
            return new Respond(status, "application/json", "{\"error\":{\"message\":\"(#" + code + ") fault " + code
                    + "\",\"type\":\"OAuthException\",\"code\":" + code + ",\"error_data\":{\"messaging_product\":"
                    + "\"whatsapp\",\"details\":\"injected fault " + code + "\"},\"fbtrace_id\":\"AfaultTrace\"}}");
        }

        static Answer status(int status, String contentType, String body) {
            return new Respond(status, contentType, body);
        }

        static Answer resetAfterRead() {
            return new ResetAfterRead();
        }

        static Answer noAnswer() {
            return new NoAnswer();
        }
    }

    /**
     * A recipient's script: the answers to its first requests in order, then {@code then} for
     * every later one.
     */
    record Script(List<Answer> first, Answer then) {
        Script {
            first = List.copyOf(first);
            Objects.requireNonNull(then, "then");
        }

        static Script always(Answer answer) {
            return new Script(List.of(), answer);
        }

        /** {@code answer} {@code times} times, then accepted. */
        static Script times(int times, Answer answer) {
            return new Script(java.util.Collections.nCopies(times, answer), Answer.accept());
        }

        Answer answerTo(int requestNumber) {
            return requestNumber <= first.size() ? first.get(requestNumber - 1) : then;
        }
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-cloud-api");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByRecipient = new ConcurrentHashMap<>();
    private final Map<String, String> acceptedIds = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger resetsBeforeReadArmed = new AtomicInteger();
    private final AtomicInteger resetsBeforeRead = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong wamids = new AtomicLong();
    private final List<String> protocolErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Script defaultScript = Script.always(Answer.accept());

    private FaultyCloudApi() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        connections.execute(this::acceptLoop);
    }

    /** Starts a server on a free loopback port. */
    static FaultyCloudApi start() {
        try {
            return new FaultyCloudApi();
        } catch (IOException e) {
            throw new IllegalStateException("could not open a server socket", e);
        }
    }

    /** A client configuration pointing at this server (the caller sets timeouts). */
    CloudApiConfig.Builder clientConfig() {
        return CloudApiConfig.custom().baseUrl(baseUrl()).phoneNumberId(PHONE_NUMBER_ID).accessToken("fault-token");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How requests for this recipient ({@code to}, as sent) are answered from now on. */
    FaultyCloudApi script(String to, Script script) {
        scripts.put(to, script);
        return this;
    }

    /** How requests for recipients without a script of their own are answered (default: accepted). */
    FaultyCloudApi defaultScript(Script script) {
        defaultScript = Objects.requireNonNull(script);
        return this;
    }

    /** The next {@code n} connections accepted are reset at once, before anything is read from them. */
    FaultyCloudApi resetNextConnectionsBeforeRead(int n) {
        resetsBeforeReadArmed.addAndGet(n);
        return this;
    }

    /** Requests read for this recipient. */
    int requestsFor(String to) {
        AtomicInteger n = requestsByRecipient.get(to);
        return n == null ? 0 : n.get();
    }

    /** The message id last issued to this recipient, or null. */
    String acceptedId(String to) {
        return acceptedIds.get(to);
    }

    /** Requests read in all. */
    long requests() {
        return requests.get();
    }

    /** Connections reset before a byte was read. */
    int resetsBeforeRead() {
        return resetsBeforeRead.get();
    }

    /** Requests it could not read as CloudApiTransport's (none expected). */
    List<String> protocolErrors() {
        synchronized (protocolErrors) {
            return List.copyOf(protocolErrors);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (takeArmedReset()) {
                resetsBeforeRead.incrementAndGet();
                reset(socket);
                continue;
            }
            open.add(socket);
            try {
                connections.execute(() -> serve(socket));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                closeQuietly(socket);
            }
        }
    }

    private boolean takeArmedReset() {
        while (true) {
            int armed = resetsBeforeReadArmed.get();
            if (armed == 0) {
                return false;
            }
            if (resetsBeforeReadArmed.compareAndSet(armed, armed - 1)) {
                return true;
            }
        }
    }

    /** Serves requests on one connection until it is closed or reset. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = Request.read(in);
                if (request == null) {
                    return; // the client closed the connection between requests
                }
                if (request.problem != null) {
                    protocolErrors.add(request.problem);
                    write(out, 501, "text/plain", request.problem, false);
                    return;
                }
                requests.incrementAndGet();
                String to = recipient(request.body);
                int n = requestsByRecipient.computeIfAbsent(to == null ? "" : to, k -> new AtomicInteger())
                        .incrementAndGet();
                Answer answer = scripts.getOrDefault(to, defaultScript).answerTo(n);
                if (!answerWith(answer, socket, out, to)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away (timed out, closed); nothing more to do on this connection
        } finally {
            open.remove(socket);
        }
    }

    /** Answers; false when the connection is done with. */
    private boolean answerWith(Answer answer, Socket socket, OutputStream out, String to) throws IOException {
        if (answer instanceof Answer.Accept a) {
            if (!a.delay().isZero() && pause(a.delay())) {
                return false;
            }
            String wamid = "wamid.FAULT" + wamids.incrementAndGet();
            if (to != null) {
                acceptedIds.put(to, wamid);
            }
            write(out, 200, "application/json", "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                    + to + "\",\"wa_id\":\"" + (to == null ? "" : to.replace("+", "")) + "\"}],\"messages\":[{\"id\":\""
                    + wamid + "\"}]}", true);
            return true;
        }
        if (answer instanceof Answer.Respond r) {
            write(out, r.status(), r.contentType(), r.body(), true);
            return true;
        }
        if (answer instanceof Answer.ResetAfterRead) {
            reset(socket);
            return false;
        }
        // NoAnswer: hold the connection until the client closes it or the server stops.
        try {
            socket.setSoTimeout(0);
            while (socket.getInputStream().read() >= 0) {
                // a client sends nothing more while it waits; drain until it closes
            }
        } catch (IOException gone) {
            // closed by the client, or by close()
        }
        return false;
    }

    /** Waits, unless the server closes meanwhile (then true). */
    private boolean pause(Duration d) {
        try {
            return closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static String recipient(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode to = json.path("to");
            return to.isString() ? to.stringValue() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static void write(OutputStream out, int status, String contentType, String body, boolean keepAlive)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            default: return "Status";
        }
    }

    /** Resets the connection: with {@code SO_LINGER} 0 a close sends RST instead of FIN. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already gone
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** One request as read off the socket: its body, or what made it unreadable. */
    private static final class Request {
        final byte[] body;
        final String problem;

        private Request(byte[] body, String problem) {
            this.body = body;
            this.problem = problem;
        }

        /** Reads one request; null at a clean end of stream before its first byte. */
        static Request read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream(512);
            int last4 = 0;
            while (last4 != 0x0D0A0D0A) { // up to the blank line after the headers
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed inside a request head");
                }
                head.write(b);
                last4 = (last4 << 8) | b;
                if (head.size() > MAX_HEAD) {
                    return new Request(null, "request head over " + MAX_HEAD + " bytes");
                }
            }
            String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
            String requestLine = lines[0];
            if (!requestLine.equals("POST " + MESSAGES_PATH + " HTTP/1.1")) {
                return new Request(null, "unexpected request line: " + requestLine);
            }
            long length = -1;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("transfer-encoding")) {
                    return new Request(null, "chunked request bodies are not read here: " + value);
                }
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                }
            }
            if (length < 0 || length > MAX_BODY) {
                return new Request(null, "request without a usable Content-Length: " + length);
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new IOException("connection closed inside a request body");
            }
            return new Request(body, null);
        }
    }
}
