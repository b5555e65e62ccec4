package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadreach.tracking.ConsentChange;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TrackingEvent;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.whatsapp.simulator.ScriptedReply;
import io.leadreach.whatsapp.simulator.SimulatorBuilder;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulator's webhooks, received by a JDK HttpServer in the test, checked with
 * {@link WebhookVerifier} and read with {@link WebhookParser}, as a host would.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatorWebhookTest {

    static final String LEAD = "+15550100001";

    HttpServer receiver;
    final List<TrackingEvent> received = new CopyOnWriteArrayList<>();
    final AtomicInteger badSignatures = new AtomicInteger();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger failNextPosts = new AtomicInteger();
    final WebhookParser parser = new WebhookParser();
    WebhookVerifier verifier;
    WhatsAppCloudSimulator sim;
    CloudApiTransport client;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.createContext("/webhook", this::receive);
        receiver.start();
    }

    @AfterEach
    void stopAll() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = parser.readBody(exchange.getRequestBody());
            posts.incrementAndGet();
            if (failNextPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            if (!verifier.isValidSignature(body, exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER))) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            received.addAll(parser.parse(body));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    void start(Consumer<SimulatorBuilder> settings) {
        SimulatorBuilder builder = WhatsAppCloudSimulator.builder()
                .appSecret("webhook-test-secret")
                .webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook")
                .statusDelays(Duration.ofMillis(10), Duration.ofMillis(30), Duration.ofMillis(60))
                .webhookBatching(50, Duration.ofMillis(10))
                .serviceWindowEnforced(false)
                .pairRateEnforced(false)
                .seed(11);
        settings.accept(builder);
        sim = builder.start();
        verifier = new WebhookVerifier("webhook-test-secret", null);
        client = CloudApiTransport.create(sim.clientConfig().build());
    }

    SendOutcome send(String correlationId) {
        return client.send(new OutboundMessage(LEAD, correlationId, new MessageContent.Text("Hi", false)))
                .toCompletableFuture().join();
    }

    List<DeliveryEvent> statuses(String correlationId) {
        return received.stream().filter(e -> e instanceof DeliveryEvent).map(e -> (DeliveryEvent) e)
                .filter(e -> correlationId.equals(e.correlationId())).collect(Collectors.toList());
    }

    @Test
    void signedStatusWebhooksCarrySentDeliveredAndReadWithTheCorrelationId() throws Exception {
        start(b -> { });

        SendOutcome.Accepted a = (SendOutcome.Accepted) send("corr-1");
        send("corr-2");
        send("corr-3");
        assertThat(sim.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        assertThat(badSignatures).hasValue(0);
        assertThat(statuses("corr-1")).extracting(DeliveryEvent::status)
                .containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ);
        assertThat(statuses("corr-1")).allSatisfy(e -> {
            assertThat(e.providerMessageId()).isEqualTo(a.providerMessageId());
            assertThat(e.recipient()).isEqualTo(LEAD);
            assertThat(e.pricingCategory()).isEqualTo("service");
        });
        assertThat(received).hasSize(9);
        assertThat(sim.webhookEventsPosted()).isEqualTo(9);
        assertThat(posts.get()).as("events are batched").isLessThan(9);
    }

    @Test
    void aShareOfMessagesFailsAfterSentWithAnErrorCode() throws Exception {
        start(b -> b.failedShare(1.0, 131026));

        send("corr-f");
        assertThat(sim.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        assertThat(statuses("corr-f")).extracting(DeliveryEvent::status)
                .containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.FAILED);
        DeliveryEvent failed = statuses("corr-f").stream().filter(e -> e.status() == DeliveryStatus.FAILED)
                .findFirst().orElseThrow();
        assertThat(failed.errorCode()).isEqualTo("131026");
        assertThat(failed.errorMessage()).contains("Message undeliverable");
    }

    @Test
    void scriptedRepliesArePostedAsInboundMessagesThatAnswerTheSentMessage() throws Exception {
        start(b -> b.readShare(0).inboundScript(m -> "corr-r".equals(m.correlationId())
                ? ScriptedReply.button(Duration.ofMillis(40), "STOP", "Stop promotions")
                : null));

        SendOutcome.Accepted a = (SendOutcome.Accepted) send("corr-r");
        send("corr-silent");
        // The reply is posted 40 ms after the message's sent status: wait for it, not for a guess.
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(InboundReply.class::isInstance));
        assertThat(sim.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        List<InboundReply> replies = received.stream().filter(e -> e instanceof InboundReply)
                .map(e -> (InboundReply) e).collect(Collectors.toList());
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(LEAD);
            assertThat(r.buttonPayload()).isEqualTo("STOP");
            assertThat(r.text()).isEqualTo("Stop promotions");
            assertThat(r.contextMessageId()).isEqualTo(a.providerMessageId());
            assertThat(r.profileName()).startsWith("Sim User");
        });
        assertThat(statuses("corr-r")).extracting(DeliveryEvent::status).doesNotContain(DeliveryStatus.READ);
    }

    @Test
    void simulatedInboundTextAndOptOutArePosted() throws Exception {
        start(b -> { });

        String wamid = sim.simulateInbound("+447700900123", "Hello, is this still available?");
        sim.simulateOptOut("+447700900124");
        assertThat(sim.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

        assertThat(received).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(InboundReply.class, r -> {
            assertThat(r.providerMessageId()).isEqualTo(wamid);
            assertThat(r.from()).isEqualTo("+447700900123");
            assertThat(r.text()).isEqualTo("Hello, is this still available?");
            assertThat(r.messageType()).isEqualTo("text");
        }));
        assertThat(received).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ConsentChange.class, c -> {
            assertThat(c.mobile()).isEqualTo("+447700900124");
            assertThat(c.optedOut()).isTrue();
        }));
        assertThat(parser.statistics().ignoredTotal()).isZero();
    }

    @Test
    void aFailingCallbackIsRetried() throws Exception {
        start(b -> b.statusDelays(Duration.ofMillis(5), Duration.ofHours(1), Duration.ofHours(1)));
        failNextPosts.set(2);

        send("corr-retry");
        await().atMost(Duration.ofSeconds(10)).until(() -> !statuses("corr-retry").isEmpty());

        assertThat(statuses("corr-retry")).extracting(DeliveryEvent::status).containsExactly(DeliveryStatus.SENT);
        assertThat(sim.webhookFailures()).isEqualTo(2);
        assertThat(sim.lastWebhookFailure()).isEqualTo("HTTP 500");
        assertThat(sim.webhookEventsAbandoned()).as("retried until taken, nothing lost").isZero();
        assertThat(posts.get()).isEqualTo(3);
    }

    @Test
    void aCallbackThatKeepsFailingLosesTheEventAndSaysSo() throws Exception {
        start(b -> b.statusDelays(Duration.ofMillis(5), Duration.ofHours(1), Duration.ofHours(1)));
        failNextPosts.set(100);

        send("corr-lost");
        // Four attempts, 200, 400 and 800 ms apart, then the sent status is given up (delivered and read wait an hour).
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.webhookEventsAbandoned() > 0);

        assertThat(statuses("corr-lost")).isEmpty();
        assertThat(sim.webhookFailures()).isEqualTo(4);
        assertThat(sim.webhookEventsAbandoned()).isEqualTo(1);
    }
}
