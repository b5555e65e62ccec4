package io.leadreach.whatsapp.simulator;

import com.sun.net.httpserver.HttpServer;
import io.leadreach.whatsapp.CloudApiConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 * <p>It answers for a default business number and, with {@link SimulatorBuilder#number}, for more
 * numbers beside it (each its own phone number id, display number, app secret and optionally WABA).
 * Each number has its own throughput, pair-rate and service-window state and its own
 * {@linkplain #faults(String) faults} (one number can answer 131048 while the others send); its
 * status and inbound webhooks name it in {@code metadata} and are signed with its app secret, and
 * {@link #clientConfig(String)} gives the client configuration of each. Opt-outs are the business's.
 *
 * <p>It runs on the JDK's own {@code com.sun.net.httpserver.HttpServer} with a fixed thread
 * pool: small, no extra dependency for the module's users, and fast (several thousand sends per
 * second on loopback with client and simulator sharing two cores). It binds to the loopback
 * address on an ephemeral port by default. Rules that depend on time (window, throughput, pair
 * rate) read an injectable {@link java.time.Clock}. Thread-safe.
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
 * <p>Run it on its own with {@code java -cp ... io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator
 * --port 8090 [--webhook URL] [--app-secret S] [--number ID,DISPLAY,SECRET]... [--throughput N] [--no-window]
 * [--no-pair-rate]}.
 *
 * <p>This class is the simulator's face (settings in {@link SimulatorBuilder}, faults in {@link Faults});
 * its package-private classes do the work: {@code Routes} and the {@code MessagesEndpoint},
 * {@code MediaEndpoint} and {@code TemplatesEndpoint}, the number's rules ({@code NumberRules}), what
 * happened ({@code Traffic}) and the webhooks ({@code Webhooks}, posted by {@code WebhookPoster}).
 */
public final class WhatsAppCloudSimulator implements AutoCloseable {

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

    private final SimulatorBuilder config;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final String baseUrl;
    private final Traffic traffic;
    /** By phone number id, the default number first. */
    private final Map<String, SimNumber> numbers;
    private final SimNumber defaultNumber;
    private final Webhooks webhooks;

    WhatsAppCloudSimulator(SimulatorBuilder b) throws IOException {
        this.config = b;
        List<SimNumber.Settings> settings = b.numberSettings();
        Random random = new Random(b.seed);
        this.traffic = new Traffic(b.recordMessages, random);
        Set<String> optedOut = ConcurrentHashMap.newKeySet();
        Map<String, SimNumber> byId = new LinkedHashMap<>();
        for (int i = 0; i < settings.size(); i++) {
            SimNumber.Settings n = settings.get(i);
            // The default number's faults draw from the seed as they always did; the others' from their own.
            Faults faults = new Faults(new Random(b.seed ^ 0x5DEECE66DL ^ (31L * i)));
            byId.put(n.id(), new SimNumber(n.id(), n.wabaId(), n.displayNumber(), n.appSecret(),
                    new NumberRules(b, traffic, optedOut), faults));
        }
        this.numbers = Collections.unmodifiableMap(byId);
        this.defaultNumber = byId.values().iterator().next();
        this.webhooks = new Webhooks(b, random, traffic);
        this.handlers = new ThreadPoolExecutor(b.threads, b.threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Webhooks.daemon("whatsapp-simulator"));
        this.server = HttpServer.create(new InetSocketAddress(b.bindAddress, b.port), 1024);
        String host = b.bindAddress.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        Http http = new Http(traffic, b.accessToken);
        server.setExecutor(handlers);
        Set<String> wabaIds = new LinkedHashSet<>();
        numbers.values().forEach(n -> wabaIds.add(n.wabaId()));
        server.createContext("/", new Routes(http, traffic,
                new MessagesEndpoint(http, numbers, traffic, webhooks, b.clock),
                new MediaEndpoint(http, traffic, numbers.keySet()),
                new TemplatesEndpoint(http, wabaIds, b.templates, b.templatePageSize, baseUrl)));
        server.start();
    }

    /** A builder with Meta-like defaults (80 msg/s, pair rate and window enforced, no webhooks). */
    public static SimulatorBuilder builder() {
        return new SimulatorBuilder();
    }

    /** {@code http://127.0.0.1:port}: the base URL to give the client. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The phone number id of its default number. */
    public String phoneNumberId() {
        return defaultNumber.id();
    }

    /** The phone number ids it answers for, the default number's first. */
    public List<String> phoneNumberIds() {
        return List.copyOf(numbers.keySet());
    }

    /** The WABA id of its default number. */
    public String wabaId() {
        return defaultNumber.wabaId();
    }

    /** The app secret the default number's webhooks are signed with. */
    public String appSecret() {
        return defaultNumber.appSecret();
    }

    /** A client configuration builder for the default number (ids, token, secret, base URL). */
    public CloudApiConfig.Builder clientConfig() {
        return clientConfig(defaultNumber.id());
    }

    /**
     * A client configuration builder for one of its numbers: its phone number id, WABA id and app
     * secret, the token and the base URL.
     *
     * @throws IllegalArgumentException when it has no such number
     */
    public CloudApiConfig.Builder clientConfig(String phoneNumberId) {
        SimNumber number = number(phoneNumberId);
        return CloudApiConfig.custom()
                .baseUrl(baseUrl)
                .phoneNumberId(number.id())
                .wabaId(number.wabaId())
                .accessToken(config.accessToken == null ? DEFAULT_ACCESS_TOKEN : config.accessToken)
                .appSecret(number.appSecret())
                .verifyToken(DEFAULT_VERIFY_TOKEN);
    }

    /** The default number's fault injector. */
    public Faults faults() {
        return defaultNumber.faults();
    }

    /**
     * The fault injector of one number: its faults answer only requests to that number.
     *
     * @throws IllegalArgumentException when it has no such number
     */
    public Faults faults(String phoneNumberId) {
        return number(phoneNumberId).faults();
    }

    /** Turns the 24-hour window rule on or off, for every number, while running. */
    public void serviceWindowEnforced(boolean enforced) {
        numbers.values().forEach(n -> n.rules().windowEnforced(enforced));
    }

    private SimNumber number(String phoneNumberId) {
        SimNumber number = numbers.get(phoneNumberId);
        if (number == null) {
            throw new IllegalArgumentException("the simulator has no phone number id " + phoneNumberId
                    + "; it has " + numbers.keySet());
        }
        return number;
    }

    // ---------------------------------------------------------------------------------------------
    // Scripted traffic from users

    /**
     * A user wrote to the business's default number: opens the 24-hour window for the user with
     * that number and, with a webhook URL, posts the inbound message.
     *
     * @return the inbound message's wamid
     */
    public String simulateInbound(String from, String text) {
        return webhooks.inbound(defaultNumber, from, text, null, null, false);
    }

    /**
     * A user wrote to one of the business's numbers: opens the 24-hour window for the user with
     * that number only and, with a webhook URL, posts the inbound message as that number's.
     *
     * @return the inbound message's wamid
     * @throws IllegalArgumentException when it has no such number
     */
    public String simulateInboundTo(String phoneNumberId, String from, String text) {
        return webhooks.inbound(number(phoneNumberId), from, text, null, null, false);
    }

    /** A user tapped a quick-reply button on a message ({@code contextWamid}, may be null) of the default number. */
    public String simulateButtonReply(String from, String payload, String text, String contextWamid) {
        return webhooks.inbound(defaultNumber, from, text, payload, contextWamid, false);
    }

    /**
     * A user stopped marketing messages from the business: marketing templates to them now fail
     * with 131050 from every number. The preference webhook is the default number's.
     */
    public void simulateOptOut(String number) {
        defaultNumber.rules().optOut(Numbers.digits(number));
        webhooks.preference(defaultNumber, number, "stop");
    }

    /** A user resumed marketing messages from the business. */
    public void simulateOptIn(String number) {
        defaultNumber.rules().optIn(Numbers.digits(number));
        webhooks.preference(defaultNumber, number, "resume");
    }

    // ---------------------------------------------------------------------------------------------
    // What happened

    /** Every accepted message, in order of acceptance (empty when recording is off). */
    public List<SentMessage> sentMessages() {
        return traffic.sentMessages();
    }

    /** Accepted messages with this correlation id. */
    public List<SentMessage> sentFor(String correlationId) {
        return traffic.sentFor(correlationId);
    }

    /** How many messages were accepted. */
    public long sentCount() {
        return traffic.sentCount();
    }

    /** How many messages were accepted from this business number (counted even when recording is off). */
    public long sentCountFrom(String phoneNumberId) {
        return traffic.sentCountFrom(phoneNumberId);
    }

    /** How many messages with this correlation id were accepted. */
    public int sentCount(String correlationId) {
        return traffic.sentCount(correlationId);
    }

    /** Accepted messages per correlation id. */
    public Map<String, Integer> sentCountsByCorrelationId() {
        return traffic.sentCountsByCorrelationId();
    }

    /** Requests refused with this Cloud API error code. */
    public long rejectedCount(int errorCode) {
        return traffic.rejectedCount(errorCode);
    }

    /** Requests refused, by Cloud API error code. */
    public Map<Integer, Long> rejectedCounts() {
        return traffic.rejectedCounts();
    }

    /** Every request received, on any path. */
    public long requestCount() {
        return traffic.requestCount();
    }

    /** Every file uploaded. */
    public List<UploadedMedia> uploadedMedia() {
        return traffic.uploadedMedia();
    }

    /** Webhook events delivered to the callback. */
    public long webhookEventsPosted() {
        return webhooks.eventsPosted();
    }

    /** Webhook POSTs that failed (each retry counts). */
    public long webhookFailures() {
        return webhooks.failures();
    }

    /** Webhook events given up on after their last retry failed: lost to the callback, as Meta would lose them. */
    public long webhookEventsAbandoned() {
        return webhooks.abandoned();
    }

    /** What the last failed webhook POST got (an HTTP status or an exception), or null when none failed. */
    public String lastWebhookFailure() {
        return webhooks.lastFailure();
    }

    /**
     * Waits until every scheduled webhook event was delivered (or given up).
     *
     * @return whether that happened within the timeout
     */
    public boolean awaitWebhooks(Duration timeout) throws InterruptedException {
        return webhooks.await(timeout);
    }

    /** Forgets recorded messages, counts and rejections (not uploads, windows or opt-outs). */
    public void clearRecords() {
        traffic.clear();
    }

    /** Stops the server, the webhook poster and the timers. */
    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        webhooks.close();
    }

    /**
     * Runs a simulator until the process is stopped. Options: {@code --port N},
     * {@code --webhook URL}, {@code --app-secret S}, {@code --access-token T},
     * {@code --number ID,DISPLAY,SECRET} (one more number, repeatable), {@code --throughput N}
     * (0 for unlimited), {@code --no-window}, {@code --no-pair-rate}.
     */
    public static void main(String[] args) throws InterruptedException {
        SimulatorBuilder b = builder().port(8090);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port": b.port(Integer.parseInt(args[++i])); break;
                case "--webhook": b.webhookUrl(args[++i]); break;
                case "--app-secret": b.appSecret(args[++i]); break;
                case "--access-token": b.accessToken(args[++i]); break;
                case "--number":
                    String[] parts = args[++i].split(",", 3);
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("--number takes ID,DISPLAY,SECRET");
                    }
                    b.number(parts[0], parts[1], parts[2]);
                    break;
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
        System.out.println("WhatsApp Cloud API simulator at " + sim.baseUrl() + " (phone number ids "
                + sim.phoneNumberIds() + ", WABA id " + sim.wabaId() + ")");
        Thread.currentThread().join();
    }
}
