package io.leadreach.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadreach.attachment.MediaKind;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.sending.RateLimit;
import io.leadreach.template.ProviderTemplate;
import io.leadreach.whatsapp.internal.Json;
import io.leadreach.whatsapp.internal.MediaRules;
import io.leadreach.whatsapp.internal.MessageRequest;
import io.leadreach.whatsapp.internal.MultipartForm;
import io.leadreach.whatsapp.internal.SimulatorError;
import io.leadreach.whatsapp.internal.SimulatorEvents;
import io.leadreach.whatsapp.internal.WebhookPoster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for the WhatsApp Business Cloud API, for tests, benchmarks, sandboxes and
 * multi-process crash tests (a client in another JVM only needs {@link #baseUrl()}).
 *
 * <p>It speaks the same HTTP API as Meta for what LeadReach uses:
 * {@code POST /{version}/{phone-number-id}/messages}, {@code POST /{version}/{phone-number-id}/media}
 * (multipart) and {@code GET /{version}/{waba-id}/message_templates} (cursor-paged), answering
 * with Meta-shaped JSON, including Meta's error objects. It enforces the rules a real number
 * meets:
 * <ul>
 *   <li>payload checks: E.164 {@code to}, text at most 4096 and captions at most 1024 characters,
 *       media ids it issued, known and approved templates with the right parameter count (when
 *       templates are configured), and the bearer token (when one is configured);</li>
 *   <li>the per-number throughput (messages per second, error 130429);</li>
 *   <li>the pair rate (by default 1 message per 6 s to one recipient, error 131056);</li>
 *   <li>the 24-hour service window: free-form messages only to numbers that wrote within 24 hours
 *       ({@link #simulateInbound}) or are configured as open, else error 131047;</li>
 *   <li>marketing opt-outs ({@link #simulateOptOut}): marketing templates get error 131050.</li>
 * </ul>
 * It injects {@linkplain #faults() faults} (error codes for the next N or a share of requests,
 * HTTP 5xx with a non-JSON page, delays, a dropped connection after the request was read),
 * records every accepted message ({@link #sentMessages()}, {@link #sentCount(String)} per
 * correlation id) and, when a webhook URL is set, posts signed status webhooks (sent, delivered,
 * read after configurable delays, a configurable share failed) and scripted inbound replies.
 *
 * <p>It runs on the JDK's own {@code com.sun.net.httpserver.HttpServer} with a fixed thread
 * pool: small, no extra dependency for the module's users, and fast (several thousand sends per
 * second on loopback with client and simulator sharing two cores). It binds to the loopback
 * address on an ephemeral port by default. Rules that depend on time (window, throughput, pair
 * rate) read an injectable {@link Clock}. Thread-safe.
 *
 * <p>Loading this class sets {@code sun.net.httpserver.nodelay=true} unless already set: the JDK
 * server writes headers and body separately, and with Nagle's algorithm on, delayed ACKs cost up to
 * 40 ms per response (about five times less throughput). The JDK reads that property once, when the
 * first JDK {@code HttpServer} of the JVM starts; if another one starts before this class loads,
 * pass {@code -Dsun.net.httpserver.nodelay=true} on the command line.
 *
 * <pre>{@code
 * try (WhatsAppCloudSimulator sim = WhatsAppCloudSimulator.builder().serviceWindowEnforced(false).start();
 *      CloudApiTransport transport = CloudApiTransport.create(sim.clientConfig().build())) {
 *     transport.send(message).toCompletableFuture().join();
 *     assertThat(sim.sentCount(message.correlationId())).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Run it on its own with {@code java -cp ... io.leadreach.whatsapp.WhatsAppCloudSimulator
 * --port 8090 [--webhook URL] [--app-secret S] [--throughput N] [--no-window] [--no-pair-rate]}.
 */
public final class WhatsAppCloudSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppCloudSimulator.class);

    static {
        // See the class comment: without TCP_NODELAY, each keep-alive response may wait ~40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The phone number id the simulator answers for unless configured. */
    public static final String DEFAULT_PHONE_NUMBER_ID = "100000000000001";
    /** The WABA id the simulator answers for unless configured. */
    public static final String DEFAULT_WABA_ID = "200000000000002";
    /** The display number of the simulated business (fictional). */
    public static final String DEFAULT_DISPLAY_NUMBER = "15550000000";
    /** The access token the simulator expects unless configured. */
    public static final String DEFAULT_ACCESS_TOKEN = "simulator-token";
    /** The verify token {@link #clientConfig()} sets (the simulator does no handshake itself). */
    public static final String DEFAULT_VERIFY_TOKEN = "simulator-verify-token";
    /** The app secret that signs the simulator's webhooks unless configured. */
    public static final String DEFAULT_APP_SECRET = "simulator-app-secret";
    /** Meta's default throughput per business number. */
    public static final int DEFAULT_THROUGHPUT_PER_SECOND = 80;
    /** Meta's pair rate: about one message per 6 seconds to one user. */
    public static final Duration DEFAULT_PAIR_INTERVAL = Duration.ofSeconds(6);
    /** How long an inbound message keeps the service window open. */
    public static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    private static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");
    private static final int MAX_JSON_BODY = 1024 * 1024;
    private static final int MAX_MEDIA_BODY = 110 * 1024 * 1024;

    // ---------------------------------------------------------------------------------------------
    // Records visible to tests

    /**
     * A message the simulator accepted.
     *
     * @param wamid         the message id it answered with
     * @param to            the recipient as sent (E.164)
     * @param type          {@code text}, {@code image}, {@code template}, ...
     * @param body          the text body, the media caption, or null
     * @param correlationId the {@code biz_opaque_callback_data}, or null
     * @param mediaId       the media id of a media message or template header, or null
     * @param templateName  the template name, or null
     * @param templateParameters the template's body parameters (empty when none)
     * @param payload       the request body as received
     * @param acceptedAt    when it was accepted (simulator clock)
     */
    public record SentMessage(String wamid, String to, String type, String body, String correlationId,
                              String mediaId, String templateName, List<String> templateParameters, String payload,
                              Instant acceptedAt) {
    }

    /**
     * A file the simulator received on its media endpoint.
     *
     * @param id       the media id it answered with
     * @param mimeType the part's content type
     * @param filename the part's file name (may be null)
     * @param size     the file's size
     * @param sha256   the hex SHA-256 of its bytes
     */
    public record UploadedMedia(String id, String mimeType, String filename, long size, String sha256) {
    }

    /**
     * An inbound reply the simulator posts after a sent message, as scripted by
     * {@link Builder#inboundScript(Function)}.
     *
     * @param delay         how long after the send
     * @param text          the text (or a button's text), may be null
     * @param buttonPayload a quick-reply payload, making it a {@code button} message; may be null
     */
    public record ScriptedReply(Duration delay, String text, String buttonPayload) {
        public ScriptedReply {
            Objects.requireNonNull(delay, "delay");
        }

        /** A text reply. */
        public static ScriptedReply text(Duration delay, String text) {
            return new ScriptedReply(delay, text, null);
        }

        /** A quick-reply button tap. */
        public static ScriptedReply button(Duration delay, String payload, String text) {
            return new ScriptedReply(delay, text, payload);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Configuration

    /** Settings of a simulator; {@link #start()} binds and starts it. Not thread-safe. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
        private String phoneNumberId = DEFAULT_PHONE_NUMBER_ID;
        private String wabaId = DEFAULT_WABA_ID;
        private String displayNumber = DEFAULT_DISPLAY_NUMBER;
        private String accessToken = DEFAULT_ACCESS_TOKEN;
        private String appSecret = DEFAULT_APP_SECRET;
        private Clock clock = Clock.systemUTC();
        private int throughputPerSecond = DEFAULT_THROUGHPUT_PER_SECOND;
        private boolean pairRateEnforced = true;
        private int pairBurst = 1;
        private Duration pairInterval = DEFAULT_PAIR_INTERVAL;
        private boolean windowEnforced = true;
        private final Set<String> windowOpen = new java.util.HashSet<>();
        private URI webhookUrl;
        private Duration sentDelay = Duration.ofMillis(100);
        private Duration deliveredDelay = Duration.ofMillis(600);
        private Duration readDelay = Duration.ofSeconds(3);
        private double failedShare;
        private int failedCode = 131026;
        private double readShare = 1.0;
        private int webhookBatchSize = 100;
        private Duration webhookBatchWindow = Duration.ofMillis(20);
        private Function<SentMessage, ScriptedReply> inboundScript;
        private final List<ProviderTemplate> templates = new ArrayList<>();
        private int templatePageSize = 25;
        private long seed = System.nanoTime();
        private boolean recordMessages = true;

        private Builder() {
        }

        /** The port, 0 (the default) for an ephemeral one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The address to bind; loopback by default. */
        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return this;
        }

        /** Request-handling threads (delay faults hold one each while they wait). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The phone number id it answers for. */
        public Builder phoneNumberId(String phoneNumberId) {
            this.phoneNumberId = Objects.requireNonNull(phoneNumberId);
            return this;
        }

        /** The WABA id it answers for. */
        public Builder wabaId(String wabaId) {
            this.wabaId = Objects.requireNonNull(wabaId);
            return this;
        }

        /** The bearer token it requires; null accepts any. */
        public Builder accessToken(String accessToken) {
            this.accessToken = accessToken;
            return this;
        }

        /** The app secret that signs its webhooks. */
        public Builder appSecret(String appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret);
            return this;
        }

        /** The clock of the window and rate rules and of event timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Messages per second accepted for the number; beyond it, error 130429. */
        public Builder throughputPerSecond(int messagesPerSecond) {
            if (messagesPerSecond < 1) {
                throw new IllegalArgumentException("throughput must be at least 1 message per second");
            }
            this.throughputPerSecond = messagesPerSecond;
            return this;
        }

        /** No throughput limit. */
        public Builder unlimitedThroughput() {
            this.throughputPerSecond = 0;
            return this;
        }

        /** Whether the pair rate (error 131056) is enforced. */
        public Builder pairRateEnforced(boolean enforced) {
            this.pairRateEnforced = enforced;
            return this;
        }

        /** The pair rate: {@code burst} messages to one recipient, refilled one per {@code interval}. */
        public Builder pairRate(int burst, Duration interval) {
            if (burst < 1 || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("pair rate needs a burst of at least 1 and a positive interval");
            }
            this.pairBurst = burst;
            this.pairInterval = interval;
            return this;
        }

        /** Whether free-form messages need an open 24-hour window (error 131047). */
        public Builder serviceWindowEnforced(boolean enforced) {
            this.windowEnforced = enforced;
            return this;
        }

        /** Numbers whose service window is always open. */
        public Builder windowOpenFor(String... numbers) {
            for (String n : numbers) {
                windowOpen.add(digits(n));
            }
            return this;
        }

        /** Where to post webhooks; none by default. */
        public Builder webhookUrl(String url) {
            this.webhookUrl = url == null ? null : URI.create(url);
            return this;
        }

        /** How long after acceptance the sent, delivered and read statuses are posted. */
        public Builder statusDelays(Duration sent, Duration delivered, Duration read) {
            this.sentDelay = Objects.requireNonNull(sent);
            this.deliveredDelay = Objects.requireNonNull(delivered);
            this.readDelay = Objects.requireNonNull(read);
            return this;
        }

        /** The share (0..1) of accepted messages that fail after {@code sent}, with this error code. */
        public Builder failedShare(double share, int errorCode) {
            this.failedShare = share;
            this.failedCode = errorCode;
            return this;
        }

        /** The share (0..1) of delivered messages that are also read. */
        public Builder readShare(double share) {
            this.readShare = share;
            return this;
        }

        /** The most events per webhook POST and how long events wait to be batched. */
        public Builder webhookBatching(int maxEvents, Duration window) {
            this.webhookBatchSize = maxEvents;
            this.webhookBatchWindow = window;
            return this;
        }

        /** A script deciding, per accepted message, whether and how the recipient replies (null = no reply). */
        public Builder inboundScript(Function<SentMessage, ScriptedReply> script) {
            this.inboundScript = script;
            return this;
        }

        /** Templates it lists and checks template sends against (none: any template is accepted). */
        public Builder templates(List<ProviderTemplate> templates) {
            this.templates.addAll(templates);
            return this;
        }

        /** Templates per page of the listing (when the client names no {@code limit}). */
        public Builder templatePageSize(int size) {
            this.templatePageSize = size;
            return this;
        }

        /** The seed of the random choices (failed share, fault share); wamids are new at every start whatever the seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether accepted messages are kept in {@link #sentMessages()} (counts are always kept). */
        public Builder recordMessages(boolean record) {
            this.recordMessages = record;
            return this;
        }

        /** Binds and starts the simulator. */
        public WhatsAppCloudSimulator start() {
            try {
                return new WhatsAppCloudSimulator(this);
            } catch (IOException e) {
                throw new IllegalStateException("simulator could not bind " + bindAddress + ":" + port, e);
            }
        }
    }

    /** A builder with Meta-like defaults (80 msg/s, pair rate and window enforced, no webhooks). */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------
    // Faults

    /** Faults to inject into {@code /messages} requests; thread-safe, changeable while running. */
    public static final class Faults {
        private final Random random;
        private int failCount;
        private int failCode;
        private double failShare;
        private int failShareCode;
        private int httpCount;
        private int httpStatus;
        private int resetCount;
        private int delayCount;
        private Duration delay = Duration.ZERO;
        private Duration delayAll = Duration.ZERO;
        private Duration retryAfter;

        Faults(Random random) {
            this.random = random;
        }

        /** The next {@code count} requests fail with this Cloud API error code. */
        public synchronized Faults failNext(int count, int errorCode) {
            this.failCount = count;
            this.failCode = errorCode;
            return this;
        }

        /** A share (0..1) of requests fails with this error code, until cleared. */
        public synchronized Faults failShare(double share, int errorCode) {
            this.failShare = share;
            this.failShareCode = errorCode;
            return this;
        }

        /** Injected errors carry this {@code Retry-After} (null for none). */
        public synchronized Faults retryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
            return this;
        }

        /** The next {@code count} requests get this HTTP status with an HTML page, as a failing proxy sends. */
        public synchronized Faults httpErrorNext(int count, int status) {
            this.httpCount = count;
            this.httpStatus = status;
            return this;
        }

        /** The next {@code count} requests are read, then the connection is dropped without an answer. */
        public synchronized Faults resetNext(int count) {
            this.resetCount = count;
            return this;
        }

        /** The next {@code count} requests are answered after this delay. */
        public synchronized Faults delayNext(int count, Duration delay) {
            this.delayCount = count;
            this.delay = delay;
            return this;
        }

        /** Every request is answered after this delay, until cleared. */
        public synchronized Faults delayAll(Duration delay) {
            this.delayAll = delay;
            return this;
        }

        /** Removes every fault. */
        public synchronized void clear() {
            failCount = 0;
            failShare = 0;
            httpCount = 0;
            resetCount = 0;
            delayCount = 0;
            delayAll = Duration.ZERO;
            retryAfter = null;
        }

        synchronized Fault next() {
            Duration wait = delayAll;
            if (delayCount > 0) {
                delayCount--;
                wait = delay;
            }
            if (resetCount > 0) {
                resetCount--;
                return new Fault(wait, FaultKind.RESET, 0, null);
            }
            if (httpCount > 0) {
                httpCount--;
                return new Fault(wait, FaultKind.HTTP, httpStatus, null);
            }
            if (failCount > 0) {
                failCount--;
                return new Fault(wait, FaultKind.CODE, failCode, retryAfter);
            }
            if (failShare > 0 && random.nextDouble() < failShare) {
                return new Fault(wait, FaultKind.CODE, failShareCode, retryAfter);
            }
            return wait.isZero() ? null : new Fault(wait, FaultKind.NONE, 0, null);
        }
    }

    private enum FaultKind { NONE, RESET, HTTP, CODE }

    private record Fault(Duration delay, FaultKind kind, int value, Duration retryAfter) {
    }

    private record TemplateKey(String name, String language) {
    }

    // ---------------------------------------------------------------------------------------------
    // State

    private final Builder config;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledThreadPoolExecutor scheduler;
    private final WebhookPoster poster;
    private final Faults faults;
    private final Random random;
    private final String baseUrl;
    private final String wamidPrefix;
    private final AtomicLong wamidCounter = new AtomicLong();
    private final AtomicLong mediaCounter = new AtomicLong();
    /** The throughput and pair-rate buckets: core's token buckets, on the simulator's clock. */
    private final InMemoryRateLimiter limiter;
    private final RateLimit throughput;
    private final RateLimit pairRate;
    private final ConcurrentHashMap<String, Instant> lastInbound = new ConcurrentHashMap<>();
    private final Set<String> windowOpen;
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final Map<TemplateKey, ProviderTemplate> templates = new HashMap<>();
    private final List<ObjectNode> templateJson = new ArrayList<>();
    private final ConcurrentLinkedQueue<SentMessage> sent = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, AtomicInteger> sentByCorrelation = new ConcurrentHashMap<>();
    private final LongAdder acceptedCount = new LongAdder();
    private final LongAdder requestCount = new LongAdder();
    private final ConcurrentHashMap<Integer, LongAdder> rejectedByCode = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, UploadedMedia> media = new ConcurrentHashMap<>();
    private volatile boolean windowEnforced;

    private WhatsAppCloudSimulator(Builder b) throws IOException {
        this.config = b;
        this.clock = b.clock;
        this.random = new Random(b.seed);
        this.faults = new Faults(new Random(b.seed ^ 0x5DEECE66DL));
        // The seeded part keeps the seeded choices that follow as they were; the instance part, drawn
        // from a secure random source, makes each start's wamids new, so a restarted simulator never
        // hands out an id a message log kept from an earlier run.
        this.wamidPrefix = "wamid.HBgL" + Long.toHexString(random.nextLong() & 0xffffffffL).toUpperCase(Locale.ROOT)
                + Long.toHexString(java.util.UUID.randomUUID().getLeastSignificantBits()).toUpperCase(Locale.ROOT);
        this.limiter = new InMemoryRateLimiter(clock);
        this.throughput = b.throughputPerSecond > 0 ? RateLimit.perSecond(b.throughputPerSecond) : null;
        this.pairRate = new RateLimit(b.pairBurst, 1, b.pairInterval);
        this.windowEnforced = b.windowEnforced;
        this.windowOpen = Set.copyOf(b.windowOpen);
        for (ProviderTemplate t : b.templates) {
            templates.put(new TemplateKey(t.name(), t.language()), t);
            templateJson.add(SimulatorEvents.template(t));
        }
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("whatsapp-simulator-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.handlers = new ThreadPoolExecutor(b.threads, b.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("whatsapp-simulator"));
        this.server = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 1024);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        String host = b.bindAddress.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        this.poster = b.webhookUrl == null ? null : new WebhookPoster(b.webhookUrl, b.appSecret, b.wabaId,
                b.phoneNumberId, b.displayNumber, b.webhookBatchSize, b.webhookBatchWindow, scheduler);
    }

    /** {@code http://127.0.0.1:port}: the base URL to give the client. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The phone number id it answers for. */
    public String phoneNumberId() {
        return config.phoneNumberId;
    }

    /** The WABA id it answers for. */
    public String wabaId() {
        return config.wabaId;
    }

    /** The app secret its webhooks are signed with. */
    public String appSecret() {
        return config.appSecret;
    }

    /** A client configuration builder pointing at this simulator (ids, token, secret, base URL). */
    public CloudApiConfig.Builder clientConfig() {
        return CloudApiConfig.custom()
                .baseUrl(baseUrl)
                .phoneNumberId(config.phoneNumberId)
                .wabaId(config.wabaId)
                .accessToken(config.accessToken == null ? DEFAULT_ACCESS_TOKEN : config.accessToken)
                .appSecret(config.appSecret)
                .verifyToken(DEFAULT_VERIFY_TOKEN);
    }

    /** The fault injector. */
    public Faults faults() {
        return faults;
    }

    /** Turns the 24-hour window rule on or off while running. */
    public void serviceWindowEnforced(boolean enforced) {
        this.windowEnforced = enforced;
    }

    // ---------------------------------------------------------------------------------------------
    // Scripted traffic from users

    /**
     * A user wrote to the business: opens the 24-hour window for the number and, with a webhook
     * URL, posts the inbound message.
     *
     * @return the inbound message's wamid
     */
    public String simulateInbound(String from, String text) {
        return inbound(from, text, null, null, false);
    }

    /** A user tapped a quick-reply button on a message ({@code contextWamid}, may be null). */
    public String simulateButtonReply(String from, String payload, String text, String contextWamid) {
        return inbound(from, text, payload, contextWamid, false);
    }

    /** A user stopped marketing messages: marketing templates to them now fail with 131050. */
    public void simulateOptOut(String number) {
        optedOut.add(digits(number));
        preference(number, "stop");
    }

    /** A user resumed marketing messages. */
    public void simulateOptIn(String number) {
        optedOut.remove(digits(number));
        preference(number, "resume");
    }

    // ---------------------------------------------------------------------------------------------
    // What happened

    /** Every accepted message, in order of acceptance (empty when recording is off). */
    public List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    /** Accepted messages with this correlation id. */
    public List<SentMessage> sentFor(String correlationId) {
        List<SentMessage> out = new ArrayList<>();
        for (SentMessage m : sent) {
            if (correlationId.equals(m.correlationId())) {
                out.add(m);
            }
        }
        return out;
    }

    /** How many messages were accepted. */
    public long sentCount() {
        return acceptedCount.sum();
    }

    /** How many messages with this correlation id were accepted. */
    public int sentCount(String correlationId) {
        AtomicInteger n = sentByCorrelation.get(correlationId);
        return n == null ? 0 : n.get();
    }

    /** Accepted messages per correlation id. */
    public Map<String, Integer> sentCountsByCorrelationId() {
        Map<String, Integer> out = new HashMap<>();
        sentByCorrelation.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Requests refused with this Cloud API error code. */
    public long rejectedCount(int errorCode) {
        LongAdder n = rejectedByCode.get(errorCode);
        return n == null ? 0 : n.sum();
    }

    /** Requests refused, by Cloud API error code. */
    public Map<Integer, Long> rejectedCounts() {
        Map<Integer, Long> out = new HashMap<>();
        rejectedByCode.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Every request received, on any path. */
    public long requestCount() {
        return requestCount.sum();
    }

    /** Every file uploaded. */
    public List<UploadedMedia> uploadedMedia() {
        return List.copyOf(media.values());
    }

    /** Webhook events delivered to the callback. */
    public long webhookEventsPosted() {
        return poster == null ? 0 : poster.eventsPosted();
    }

    /** Webhook POSTs that failed (each retry counts). */
    public long webhookFailures() {
        return poster == null ? 0 : poster.failures();
    }

    /** Webhook events given up on after their last retry failed: lost to the callback, as Meta would lose them. */
    public long webhookEventsAbandoned() {
        return poster == null ? 0 : poster.abandoned();
    }

    /** What the last failed webhook POST got (an HTTP status or an exception), or null when none failed. */
    public String lastWebhookFailure() {
        return poster == null ? null : poster.lastFailure();
    }

    /**
     * Waits until every scheduled webhook event was delivered (or given up).
     *
     * @return whether that happened within the timeout
     */
    public boolean awaitWebhooks(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (poster != null && poster.pending() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Forgets recorded messages, counts and rejections (not uploads, windows or opt-outs). */
    public void clearRecords() {
        sent.clear();
        sentByCorrelation.clear();
        acceptedCount.reset();
        rejectedByCode.clear();
        requestCount.reset();
    }

    /** Stops the server, the webhook poster and the timers. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        scheduler.shutdownNow();
        if (poster != null) {
            poster.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP

    private void handle(HttpExchange exchange) throws IOException {
        requestCount.increment();
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException bug) {
                // Answer like Meta's own "something went wrong" rather than dropping the connection,
                // which a client would have to treat as an unknown outcome.
                log.warn("simulator failed on {}: {}", exchange.getRequestURI(), bug.toString());
                if (exchange.getResponseCode() == -1) {
                    error(exchange, new SimulatorError(131000, bug.toString()), null);
                }
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getRawPath().split("/");
        String method = exchange.getRequestMethod();
        if (path.length != 4 || !path[0].isEmpty() || !VERSION.matcher(path[1]).matches()) {
            drain(exchange, MAX_JSON_BODY);
            error(exchange, new SimulatorError(100, "Unknown path components: " + exchange.getRequestURI().getRawPath(),
                    null), null);
            return;
        }
        String id = path[2];
        String edge = path[3];
        if ("POST".equals(method) && "messages".equals(edge)) {
            messages(exchange, id);
        } else if ("POST".equals(method) && "media".equals(edge)) {
            media(exchange, id);
        } else if ("GET".equals(method) && "message_templates".equals(edge)) {
            templates(exchange, id);
        } else {
            drain(exchange, MAX_JSON_BODY);
            error(exchange, new SimulatorError(100, "Unsupported " + method + " request on " + edge, null), null);
        }
    }

    private void messages(HttpExchange exchange, String phoneId) throws IOException {
        byte[] body = read(exchange, MAX_JSON_BODY);
        if (body == null) {
            error(exchange, new SimulatorError(100, "Request body too large", null), null);
            return;
        }
        Fault fault = faults.next();
        if (fault != null) {
            if (!fault.delay().isZero()) {
                try {
                    Thread.sleep(fault.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("simulator stopping", e);
                }
            }
            switch (fault.kind()) {
                case RESET:
                    // The JDK server drops the connection, without a response, when a handler fails.
                    throw new IOException("simulated connection reset after the request was read");
                case HTTP:
                    byte[] page = ("<html><head><title>" + fault.value() + "</title></head><body><h1>Service "
                            + "Unavailable</h1></body></html>").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    send(exchange, fault.value(), page);
                    return;
                case CODE:
                    error(exchange, new SimulatorError(fault.value(), "injected fault"),
                            fault.retryAfter());
                    return;
                default:
                    break;
            }
        }
        try {
            authorize(exchange);
            if (!config.phoneNumberId.equals(phoneId)) {
                throw unknownObject(phoneId);
            }
            SentMessage accepted = accept(body);
            ObjectNode response = Json.MAPPER.createObjectNode();
            response.put("messaging_product", "whatsapp");
            response.putArray("contacts").addObject().put("input", accepted.to()).put("wa_id", digits(accepted.to()));
            ObjectNode message = response.putArray("messages").addObject().put("id", accepted.wamid());
            if ("template".equals(accepted.type())) {
                message.put("message_status", "accepted");
            }
            sendJson(exchange, 200, response);
        } catch (SimulatorError e) {
            error(exchange, e, null);
        }
    }

    private SentMessage accept(byte[] body) throws SimulatorError {
        MessageRequest request = MessageRequest.parse(body, this::checkMedia);
        ProviderTemplate template = request.isTemplate() ? checkTemplate(request) : null;
        String recipient = request.recipientDigits();
        if (throughput != null && limiter.tryAcquire("throughput", throughput, 1) == 0) {
            throw new SimulatorError(130429,
                    "Cloud API message throughput has been reached (" + config.throughputPerSecond + " messages/s)");
        }
        if (!request.isTemplate() && windowEnforced && !windowOpen.contains(recipient)) {
            Instant last = lastInbound.get(recipient);
            if (last == null || !clock.instant().isBefore(last.plus(SERVICE_WINDOW))) {
                throw new SimulatorError(131047, "Message failed to send because more than 24 hours have "
                        + "passed since the customer last replied to this number.");
            }
        }
        if (template != null && "MARKETING".equalsIgnoreCase(template.category()) && optedOut.contains(recipient)) {
            throw new SimulatorError(131050, "Unable to deliver the message. This recipient has chosen "
                    + "to stop receiving marketing messages on WhatsApp from your business.");
        }
        if (config.pairRateEnforced && limiter.tryAcquire("pair:" + recipient, pairRate, 1) == 0) {
            throw new SimulatorError(131056, "Message failed to send because there were too many messages"
                    + " sent from this phone number to the same phone number in a short period of time.");
        }
        SentMessage message = new SentMessage(nextWamid(), request.to(), request.type(), request.text(),
                request.correlationId(), request.mediaId(), request.templateName(), request.parameters(),
                config.recordMessages ? new String(body, StandardCharsets.UTF_8) : null, clock.instant());
        acceptedCount.increment();
        if (message.correlationId() != null) {
            sentByCorrelation.computeIfAbsent(message.correlationId(), k -> new AtomicInteger()).incrementAndGet();
        }
        if (config.recordMessages) {
            sent.add(message);
        }
        scheduleWebhooks(message, template, !request.isTemplate());
        return message;
    }

    /** The configured template a request names, checked like Meta does (none configured: any template passes). */
    private ProviderTemplate checkTemplate(MessageRequest request) throws SimulatorError {
        if (templates.isEmpty()) {
            return null;
        }
        ProviderTemplate template = templates.get(new TemplateKey(request.templateName(), request.language()));
        if (template == null) {
            throw new SimulatorError(132001, "(#132001) Template name does not exist in the translation",
                    "template name (" + request.templateName() + ") does not exist in " + request.language());
        }
        String status = template.status().toUpperCase(Locale.ROOT);
        if ("PAUSED".equals(status)) {
            throw new SimulatorError(132015, "(#132015) Template is paused", null);
        }
        if ("DISABLED".equals(status)) {
            throw new SimulatorError(132016, "(#132016) Template is disabled", null);
        }
        if (!template.isApproved()) {
            throw new SimulatorError(132001, "(#132001) Template name does not exist in the translation",
                    "template " + request.templateName() + " is " + status);
        }
        if (request.parameters().size() != template.bodyParameterCount()) {
            throw new SimulatorError(132000, "(#132000) Number of parameters does not match the expected number of params",
                    "body: number of localizable_params (" + request.parameters().size()
                            + ") does not match the expected number of params (" + template.bodyParameterCount() + ")");
        }
        return template;
    }

    private void checkMedia(String type, String id) throws SimulatorError {
        UploadedMedia uploaded = media.get(id);
        if (uploaded == null) {
            throw new SimulatorError(100, "(#100) Param " + type + "['id'] is not a valid whatsapp business account media "
                    + "attachment ID", null);
        }
        MediaKind kind = MediaKind.ofMimeType(uploaded.mimeType());
        if (!"document".equals(type) && !kind.apiName().equals(type)) {
            throw new SimulatorError(131053, "media " + id + " is " + uploaded.mimeType() + ", not " + type);
        }
    }

    private void media(HttpExchange exchange, String phoneId) throws IOException {
        byte[] body = read(exchange, MAX_MEDIA_BODY);
        try {
            if (body == null) {
                throw new SimulatorError(131053, "upload larger than " + MAX_MEDIA_BODY + " bytes");
            }
            authorize(exchange);
            if (!config.phoneNumberId.equals(phoneId)) {
                throw unknownObject(phoneId);
            }
            List<MultipartForm.Part> parts;
            try {
                parts = MultipartForm.parse(body, exchange.getRequestHeaders().getFirst("Content-Type"));
            } catch (IllegalArgumentException e) {
                throw new SimulatorError(100, "(#100) The upload must be multipart/form-data", e.getMessage());
            }
            MultipartForm.Part file = null;
            String product = null;
            for (MultipartForm.Part part : parts) {
                if ("file".equals(part.name())) {
                    file = part;
                } else if ("messaging_product".equals(part.name())) {
                    product = part.text().trim();
                }
            }
            if (!"whatsapp".equals(product)) {
                throw new SimulatorError(100, "(#100) The parameter messaging_product is required.", null);
            }
            if (file == null || file.contentType() == null) {
                throw new SimulatorError(100, "(#100) The parameter file is required.", null);
            }
            String problem = MediaRules.problem(file.contentType(), file.data().length);
            if (problem != null) {
                throw new SimulatorError(131053, problem);
            }
            String id = String.valueOf(900_000_000_000_000L + mediaCounter.incrementAndGet());
            media.put(id, new UploadedMedia(id, MediaRules.baseType(file.contentType()), file.filename(),
                    file.data().length, sha256(file.data())));
            sendJson(exchange, 200, Json.MAPPER.createObjectNode().put("id", id));
        } catch (SimulatorError e) {
            error(exchange, e, null);
        }
    }

    private void templates(HttpExchange exchange, String wabaId) throws IOException {
        drain(exchange, MAX_JSON_BODY);
        try {
            authorize(exchange);
            if (!config.wabaId.equals(wabaId)) {
                throw unknownObject(wabaId);
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int limit = config.templatePageSize;
            try {
                if (query.containsKey("limit")) {
                    limit = Math.max(1, Math.min(1000, Integer.parseInt(query.get("limit"))));
                }
            } catch (NumberFormatException e) {
                throw new SimulatorError(100, "(#100) Param limit must be a number", null);
            }
            int from = 0;
            if (query.containsKey("after")) {
                try {
                    from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(query.get("after")),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new SimulatorError(100, "(#100) Invalid cursor", null);
                }
            }
            int to = Math.min(templateJson.size(), from + limit);
            ObjectNode page = Json.MAPPER.createObjectNode();
            var data = page.putArray("data");
            for (int i = from; i < to; i++) {
                data.add(templateJson.get(i));
            }
            if (to > from) {
                ObjectNode paging = page.putObject("paging");
                ObjectNode cursors = paging.putObject("cursors");
                cursors.put("before", cursor(from));
                cursors.put("after", cursor(to));
                if (to < templateJson.size()) {
                    paging.put("next", baseUrl + exchange.getRequestURI().getRawPath() + "?limit=" + limit
                            + "&after=" + cursor(to));
                }
            }
            sendJson(exchange, 200, page);
        } catch (SimulatorError e) {
            error(exchange, e, null);
        }
    }

    private void authorize(HttpExchange exchange) throws SimulatorError {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() <= 7) {
            throw new SimulatorError(190, "An access token is required to request this resource.", null);
        }
        if (config.accessToken != null && !MessageDigest.isEqual(config.accessToken.getBytes(StandardCharsets.UTF_8),
                header.substring(7).getBytes(StandardCharsets.UTF_8))) {
            throw new SimulatorError(190, "Invalid OAuth access token - Cannot parse access token", null);
        }
    }

    private static SimulatorError unknownObject(String id) {
        return new SimulatorError(100, "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be "
                + "loaded due to missing permissions, or does not support this operation.", null);
    }

    private void error(HttpExchange exchange, SimulatorError e, Duration retryAfter) throws IOException {
        rejectedByCode.computeIfAbsent(e.code(), k -> new LongAdder()).increment();
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter.toSeconds()));
        }
        sendJson(exchange, e.httpStatus(), e.body());
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, Json.MAPPER.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The body, or null when it is larger than the limit (the rest is drained). */
    private static byte[] read(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                in.transferTo(OutputStream.nullOutputStream());
                return null;
            }
            return bytes;
        }
    }

    private static void drain(HttpExchange exchange, int limit) throws IOException {
        read(exchange, limit);
    }

    // ---------------------------------------------------------------------------------------------
    // Webhooks

    private void scheduleWebhooks(SentMessage message, ProviderTemplate template, boolean freeForm) {
        if (poster == null) {
            return;
        }
        String category = freeForm ? "service"
                : template != null && template.category() != null ? template.category().toLowerCase(Locale.ROOT)
                : "marketing";
        boolean fails = config.failedShare > 0 && random.nextDouble() < config.failedShare;
        boolean read = !fails && config.readShare > 0 && random.nextDouble() < config.readShare;
        later(config.sentDelay, () -> status(message, "sent", category, 0));
        if (fails) {
            later(config.deliveredDelay, () -> status(message, "failed", category, config.failedCode));
        } else {
            later(config.deliveredDelay, () -> status(message, "delivered", category, 0));
            if (read) {
                later(config.readDelay, () -> status(message, "read", category, 0));
            }
        }
        if (config.inboundScript != null) {
            ScriptedReply reply = config.inboundScript.apply(message);
            if (reply != null) {
                later(reply.delay(), () -> inbound(message.to(), reply.text(), reply.buttonPayload(), message.wamid(),
                        true));
            }
        }
    }

    private void later(Duration delay, Runnable enqueue) {
        poster.reserve();
        try {
            scheduler.schedule(enqueue, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException stopped) {
            poster.release();
        }
    }

    private void status(SentMessage message, String status, String category, int errorCode) {
        poster.enqueueReserved(WebhookPoster.Kind.STATUS, SimulatorEvents.status(message.wamid(), status,
                clock.instant(), digits(message.to()), message.correlationId(), category, errorCode), null);
    }

    private String inbound(String from, String text, String payload, String contextWamid, boolean reserved) {
        String number = digits(from);
        lastInbound.put(number, clock.instant());
        String wamid = nextWamid();
        if (poster == null) {
            return wamid;
        }
        if (!reserved) {
            poster.reserve();
        }
        poster.enqueueReserved(WebhookPoster.Kind.MESSAGE, SimulatorEvents.inbound(number, wamid, clock.instant(), text,
                payload, contextWamid, config.displayNumber), SimulatorEvents.contact(number));
        return wamid;
    }

    private void preference(String number, String value) {
        if (poster == null) {
            return;
        }
        String digits = digits(number);
        poster.reserve();
        poster.enqueueReserved(WebhookPoster.Kind.PREFERENCE, SimulatorEvents.preference(digits, value, clock.instant()),
                SimulatorEvents.contact(digits));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private String nextWamid() {
        long n = wamidCounter.incrementAndGet();
        return wamidPrefix + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                String.valueOf(index).getBytes(StandardCharsets.US_ASCII));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    private static String digits(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Runs a simulator until the process is stopped. Options: {@code --port N},
     * {@code --webhook URL}, {@code --app-secret S}, {@code --access-token T},
     * {@code --throughput N} (0 for unlimited), {@code --no-window}, {@code --no-pair-rate}.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder b = builder().port(8090);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port": b.port(Integer.parseInt(args[++i])); break;
                case "--webhook": b.webhookUrl(args[++i]); break;
                case "--app-secret": b.appSecret(args[++i]); break;
                case "--access-token": b.accessToken(args[++i]); break;
                case "--throughput":
                    int n = Integer.parseInt(args[++i]);
                    if (n == 0) {
                        b.unlimitedThroughput();
                    } else {
                        b.throughputPerSecond(n);
                    }
                    break;
                case "--no-window": b.serviceWindowEnforced(false); break;
                case "--no-pair-rate": b.pairRateEnforced(false); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        WhatsAppCloudSimulator sim = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("WhatsApp Cloud API simulator at " + sim.baseUrl() + " (phone number id "
                + sim.phoneNumberId() + ", WABA id " + sim.wabaId() + ")");
        Thread.currentThread().join();
    }
}
