package io.leadreach.whatsapp.internal;

import io.leadreach.whatsapp.CloudApiConfig;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One pooled asynchronous HttpClient 5 talking to the Graph API. Every exchange completes with an
 * {@link Result}, never exceptionally: either the response (status, {@code Retry-After}, body up
 * to the configured size) or the failure together with whether the request body had started to
 * be written, which is what separates "certainly not sent" from "maybe sent".
 */
public final class GraphHttp implements Closeable {

    /** What one exchange produced. */
    public sealed interface Result permits Response, Failure {
    }

    /**
     * A complete response.
     *
     * @param status     the HTTP status
     * @param retryAfter the {@code Retry-After} header, or null
     * @param body       the body (empty when there was none)
     */
    public record Response(int status, String retryAfter, byte[] body) implements Result {
    }

    /**
     * No complete response.
     *
     * @param cause          what went wrong
     * @param requestWritten whether the request body had started to go out before it went wrong
     * @param status         the response status if one had arrived (a response too large to read), else 0
     */
    public record Failure(Exception cause, boolean requestWritten, int status) implements Result {
    }

    /** A response body grew beyond the configured maximum. */
    public static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ResponseTooLargeException(int status, long limit) {
            super("response body larger than " + limit + " bytes");
            this.status = status;
        }

        /** The status of the response that was too large. */
        public int status() {
            return status;
        }
    }

    private final CloseableHttpAsyncClient client;
    private final String authorization;
    private final int maxResponseSize;

    /** Builds and starts the client from the configuration's pool size and timeouts. */
    public GraphHttp(CloudApiConfig config) {
        this(config.connectTimeout().toMillis(), config.responseTimeout().toMillis(), config.poolSize(),
                config.maxResponseSize(), "Bearer " + config.accessToken(), "leadreach-whatsapp");
    }

    /**
     * Builds and starts a client.
     *
     * @param authorization the {@code Authorization} header value, or null for none
     */
    public GraphHttp(long connectTimeoutMillis, long responseTimeoutMillis, int poolSize, int maxResponseSize,
                     String authorization, String threadName) {
        this.authorization = authorization;
        this.maxResponseSize = maxResponseSize;
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMillis))
                .setSocketTimeout(Timeout.ofMilliseconds(responseTimeoutMillis))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        RequestConfig requestConfig = RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(responseTimeoutMillis))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(connectTimeoutMillis + responseTimeoutMillis))
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(poolSize)
                        .setMaxConnPerRoute(poolSize)
                        .setDefaultConnectionConfig(connectionConfig)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                .setDefaultRequestConfig(requestConfig)
                // A POST to /messages is not idempotent: never resend it behind the caller's back.
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setThreadFactory(daemonThreads(threadName))
                .build();
        client.start();
    }

    /** POSTs a body. */
    public CompletableFuture<Result> post(URI uri, byte[] body, ContentType contentType) {
        return execute(Method.POST, uri, new BasicAsyncEntityProducer(body, contentType), null);
    }

    /** POSTs a body with extra headers (name, value pairs). */
    public CompletableFuture<Result> post(URI uri, byte[] body, ContentType contentType, String... headers) {
        return execute(Method.POST, uri, new BasicAsyncEntityProducer(body, contentType), headers);
    }

    /** GETs a resource. */
    public CompletableFuture<Result> get(URI uri) {
        return execute(Method.GET, uri, null, null);
    }

    private CompletableFuture<Result> execute(Method method, URI uri, AsyncEntityProducer entity, String[] headers) {
        CompletableFuture<Result> future = new CompletableFuture<>();
        WriteTrackingProducer tracked = entity == null ? null : new WriteTrackingProducer(entity);
        try {
            BasicHttpRequest request = new BasicHttpRequest(method, uri);
            if (authorization != null) {
                request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            }
            if (headers != null) {
                for (int i = 0; i + 1 < headers.length; i += 2) {
                    request.setHeader(headers[i], headers[i + 1]);
                }
            }
            BoundedResponseConsumer consumer = new BoundedResponseConsumer(maxResponseSize);
            client.execute(new BasicRequestProducer(request, tracked), consumer, new FutureCallback<Response>() {
                @Override
                public void completed(Response response) {
                    future.complete(response);
                }

                @Override
                public void failed(Exception ex) {
                    int status = ex instanceof ResponseTooLargeException ? ((ResponseTooLargeException) ex).status() : 0;
                    future.complete(new Failure(ex, written(tracked), status));
                }

                @Override
                public void cancelled() {
                    future.complete(new Failure(new IOException("request cancelled (client closing)"),
                            written(tracked), 0));
                }
            });
        } catch (RuntimeException e) {
            // The client refuses work once closed; nothing was written.
            future.complete(new Failure(e, written(tracked), 0));
        }
        return future;
    }

    private static boolean written(WriteTrackingProducer tracked) {
        return tracked != null && tracked.started;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Notes when the body starts to go out, so a failure can be told apart as before or after the write. */
    private static final class WriteTrackingProducer implements AsyncEntityProducer {
        private final AsyncEntityProducer delegate;
        private volatile boolean started;

        WriteTrackingProducer(AsyncEntityProducer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            started = true;
            delegate.produce(channel);
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void failed(Exception cause) {
            delegate.failed(cause);
        }

        @Override
        public int available() {
            return delegate.available();
        }

        @Override
        public void releaseResources() {
            delegate.releaseResources();
        }

        @Override
        public long getContentLength() {
            return delegate.getContentLength();
        }

        @Override
        public String getContentType() {
            return delegate.getContentType();
        }

        @Override
        public String getContentEncoding() {
            return delegate.getContentEncoding();
        }

        @Override
        public boolean isChunked() {
            return delegate.isChunked();
        }

        @Override
        public Set<String> getTrailerNames() {
            return delegate.getTrailerNames();
        }
    }

    /** Buffers a response body up to a limit; beyond it the exchange fails with {@link ResponseTooLargeException}. */
    private static final class BoundedResponseConsumer extends AbstractBinResponseConsumer<Response> {
        private final int limit;
        private int status;
        private String retryAfter;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

        BoundedResponseConsumer(int limit) {
            this.limit = limit;
        }

        @Override
        protected void start(HttpResponse response, ContentType contentType) throws IOException {
            status = response.getCode();
            Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
            retryAfter = header == null ? null : header.getValue();
            Header length = response.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                try {
                    if (Long.parseLong(length.getValue().trim()) > limit) {
                        throw new ResponseTooLargeException(status, limit);
                    }
                } catch (NumberFormatException ignored) {
                    // The protocol layer rejects a malformed length on its own.
                }
            }
        }

        @Override
        protected int capacityIncrement() {
            return 64 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            int n = src.remaining();
            if (buffer.size() + (long) n > limit) {
                throw new ResponseTooLargeException(status, limit);
            }
            if (src.hasArray()) {
                buffer.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                byte[] chunk = new byte[n];
                src.get(chunk);
                buffer.write(chunk);
            }
        }

        @Override
        protected Response buildResult() {
            return new Response(status, retryAfter, buffer.toByteArray());
        }

        @Override
        public void releaseResources() {
            // Nothing pooled: the buffer goes with this single-use consumer.
        }
    }
}
