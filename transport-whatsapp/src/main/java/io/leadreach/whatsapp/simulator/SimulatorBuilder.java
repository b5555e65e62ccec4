package io.leadreach.whatsapp.simulator;

import io.leadreach.template.ProviderTemplate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Settings of a {@link WhatsAppCloudSimulator} ({@link WhatsAppCloudSimulator#builder()}, with Meta-like
 * defaults); {@link #start()} binds and starts it. Not thread-safe.
 */
public final class SimulatorBuilder {
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    int port;
    int threads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    String phoneNumberId = WhatsAppCloudSimulator.DEFAULT_PHONE_NUMBER_ID;
    String wabaId = WhatsAppCloudSimulator.DEFAULT_WABA_ID;
    String displayNumber = WhatsAppCloudSimulator.DEFAULT_DISPLAY_NUMBER;
    String accessToken = WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN;
    String appSecret = WhatsAppCloudSimulator.DEFAULT_APP_SECRET;
    /** The numbers beside the default one, in the order given. */
    final List<SimNumber.Settings> numbers = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    int throughputPerSecond = WhatsAppCloudSimulator.DEFAULT_THROUGHPUT_PER_SECOND;
    boolean pairRateEnforced = true;
    int pairBurst = 1;
    Duration pairInterval = WhatsAppCloudSimulator.DEFAULT_PAIR_INTERVAL;
    boolean windowEnforced = true;
    final Set<String> windowOpen = new HashSet<>();
    URI webhookUrl;
    Duration sentDelay = Duration.ofMillis(100);
    Duration deliveredDelay = Duration.ofMillis(600);
    Duration readDelay = Duration.ofSeconds(3);
    double failedShare;
    int failedCode = 131026;
    double readShare = 1.0;
    int webhookBatchSize = 100;
    Duration webhookBatchWindow = Duration.ofMillis(20);
    Function<SentMessage, ScriptedReply> inboundScript;
    final List<ProviderTemplate> templates = new ArrayList<>();
    int templatePageSize = 25;
    long seed = System.nanoTime();
    boolean recordMessages = true;

    SimulatorBuilder() {
    }

    /** The port, 0 (the default) for an ephemeral one. */
    public SimulatorBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** The address to bind; loopback by default. */
    public SimulatorBuilder bindAddress(InetAddress bindAddress) {
        this.bindAddress = Objects.requireNonNull(bindAddress);
        return this;
    }

    /** Request-handling threads (delay faults hold one each while they wait). */
    public SimulatorBuilder threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** The phone number id of its default number (the one {@link WhatsAppCloudSimulator#clientConfig()} names). */
    public SimulatorBuilder phoneNumberId(String phoneNumberId) {
        this.phoneNumberId = Objects.requireNonNull(phoneNumberId);
        return this;
    }

    /** The WABA id of its default number (and of the numbers added without one). */
    public SimulatorBuilder wabaId(String wabaId) {
        this.wabaId = Objects.requireNonNull(wabaId);
        return this;
    }

    /** The bearer token it requires; null accepts any. */
    public SimulatorBuilder accessToken(String accessToken) {
        this.accessToken = accessToken;
        return this;
    }

    /** The app secret that signs its default number's webhooks. */
    public SimulatorBuilder appSecret(String appSecret) {
        this.appSecret = Objects.requireNonNull(appSecret);
        return this;
    }

    /**
     * One more business number, beside the default one, in the default number's WABA. It gets its
     * own throughput, pair-rate and service-window state (at the same settings) and its own
     * {@linkplain WhatsAppCloudSimulator#faults(String) faults}; its webhooks carry its id and
     * display number and are signed with its app secret (numbers sharing a secret share an app).
     *
     * @param phoneNumberId its phone number id (digits, not the default number's nor another's)
     * @param displayNumber the number as its webhooks show it, such as {@code 15550100090} (fictional)
     * @param appSecret     the secret of the app its webhooks come from
     */
    public SimulatorBuilder number(String phoneNumberId, String displayNumber, String appSecret) {
        return number(phoneNumberId, null, displayNumber, appSecret);
    }

    /** Like {@link #number(String, String, String)}, for a number of another WABA (null: the default number's). */
    public SimulatorBuilder number(String phoneNumberId, String wabaId, String displayNumber, String appSecret) {
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(displayNumber, "displayNumber");
        Objects.requireNonNull(appSecret, "appSecret");
        if (!phoneNumberId.matches("[0-9]{1,32}")) {
            throw new IllegalArgumentException("a phone number id is digits, got '" + phoneNumberId + "'");
        }
        numbers.add(new SimNumber.Settings(phoneNumberId, wabaId, Numbers.digits(displayNumber), appSecret));
        return this;
    }

    /** The clock of the window and rate rules and of event timestamps. */
    public SimulatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Messages per second accepted for each number; beyond it, error 130429. */
    public SimulatorBuilder throughputPerSecond(int messagesPerSecond) {
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("throughput must be at least 1 message per second");
        }
        this.throughputPerSecond = messagesPerSecond;
        return this;
    }

    /** No throughput limit. */
    public SimulatorBuilder unlimitedThroughput() {
        this.throughputPerSecond = 0;
        return this;
    }

    /** Whether the pair rate (error 131056) is enforced. */
    public SimulatorBuilder pairRateEnforced(boolean enforced) {
        this.pairRateEnforced = enforced;
        return this;
    }

    /** The pair rate: {@code burst} messages to one recipient, refilled one per {@code interval}. */
    public SimulatorBuilder pairRate(int burst, Duration interval) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("pair rate needs a burst of at least 1 and a positive interval");
        }
        this.pairBurst = burst;
        this.pairInterval = interval;
        return this;
    }

    /** Whether free-form messages need an open 24-hour window (error 131047). */
    public SimulatorBuilder serviceWindowEnforced(boolean enforced) {
        this.windowEnforced = enforced;
        return this;
    }

    /** Numbers whose service window is always open. */
    public SimulatorBuilder windowOpenFor(String... numbers) {
        for (String n : numbers) {
            windowOpen.add(Numbers.digits(n));
        }
        return this;
    }

    /** Where to post webhooks; none by default. */
    public SimulatorBuilder webhookUrl(String url) {
        this.webhookUrl = url == null ? null : URI.create(url);
        return this;
    }

    /** How long after acceptance the sent, delivered and read statuses are posted. */
    public SimulatorBuilder statusDelays(Duration sent, Duration delivered, Duration read) {
        this.sentDelay = Objects.requireNonNull(sent);
        this.deliveredDelay = Objects.requireNonNull(delivered);
        this.readDelay = Objects.requireNonNull(read);
        return this;
    }

    /** The share (0..1) of accepted messages that fail after {@code sent}, with this error code. */
    public SimulatorBuilder failedShare(double share, int errorCode) {
        this.failedShare = share;
        this.failedCode = errorCode;
        return this;
    }

    /** The share (0..1) of delivered messages that are also read. */
    public SimulatorBuilder readShare(double share) {
        this.readShare = share;
        return this;
    }

    /** The most events per webhook POST and how long events wait to be batched. */
    public SimulatorBuilder webhookBatching(int maxEvents, Duration window) {
        this.webhookBatchSize = maxEvents;
        this.webhookBatchWindow = window;
        return this;
    }

    /** A script deciding, per accepted message, whether and how the recipient replies (null = no reply). */
    public SimulatorBuilder inboundScript(Function<SentMessage, ScriptedReply> script) {
        this.inboundScript = script;
        return this;
    }

    /** Templates it lists and checks template sends against (none: any template is accepted). */
    public SimulatorBuilder templates(List<ProviderTemplate> templates) {
        this.templates.addAll(templates);
        return this;
    }

    /** Templates per page of the listing (when the client names no {@code limit}). */
    public SimulatorBuilder templatePageSize(int size) {
        this.templatePageSize = size;
        return this;
    }

    /** The seed of the random choices (failed share, fault share); wamids are new at every start whatever the seed. */
    public SimulatorBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether accepted messages are kept in {@link WhatsAppCloudSimulator#sentMessages()} (counts are always kept). */
    public SimulatorBuilder recordMessages(boolean record) {
        this.recordMessages = record;
        return this;
    }

    /** The default number's settings, then the others'; wabaId filled in. */
    List<SimNumber.Settings> numberSettings() {
        List<SimNumber.Settings> all = new ArrayList<>();
        all.add(new SimNumber.Settings(phoneNumberId, wabaId, displayNumber, appSecret));
        Set<String> ids = new HashSet<>(Set.of(phoneNumberId));
        for (SimNumber.Settings n : numbers) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("phone number id " + n.id() + " is configured twice");
            }
            all.add(new SimNumber.Settings(n.id(), n.wabaId() == null ? wabaId : n.wabaId(), n.displayNumber(),
                    n.appSecret()));
        }
        return all;
    }

    /**
     * Binds and starts the simulator.
     *
     * @throws IllegalArgumentException when two numbers have the same phone number id
     */
    public WhatsAppCloudSimulator start() {
        try {
            return new WhatsAppCloudSimulator(this);
        } catch (IOException e) {
            throw new IllegalStateException("simulator could not bind " + bindAddress + ":" + port, e);
        }
    }
}
