package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadreach.template.ProviderTemplate;
import io.leadreach.testing.MutableClock;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TrackingEvent;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.SenderRoutingTransport;
import io.leadreach.whatsapp.internal.Json;
import io.leadreach.whatsapp.simulator.ScriptedReply;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.SimulatorBuilder;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A simulator of several business numbers: the default one (app 1), B of the same app and WABA,
 * and C of another app and WABA. Each keeps its own rules and faults, and its webhooks name it and
 * are signed with its app's secret.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatorNumbersTest {

    static final String LEAD = "+15550100001";
    static final String OTHER = "+15550100002";
    static final String B = "100000000000011";
    static final String C = "100000000000021";
    static final String WABA_C = "200000000000022";
    static final String SECRET_1 = "simulator-app-1-secret";
    static final String SECRET_2 = "simulator-app-2-secret";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    final List<AutoCloseable> resources = new ArrayList<>();
    WhatsAppCloudSimulator sim;
    String a;
    final Map<String, CloudApiTransport> clients = new HashMap<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    void start(Consumer<SimulatorBuilder> settings) {
        SimulatorBuilder builder = WhatsAppCloudSimulator.builder().clock(clock).seed(7).appSecret(SECRET_1)
                .number(B, "+15550100091", SECRET_1)
                .number(C, WABA_C, "15550100092", SECRET_2);
        settings.accept(builder);
        sim = builder.start();
        resources.add(sim);
        a = sim.phoneNumberId();
        for (String id : sim.phoneNumberIds()) {
            CloudApiTransport client = CloudApiTransport.create(sim.clientConfig(id).build());
            resources.add(client);
            clients.put(id, client);
        }
    }

    SendOutcome text(String from, String to, String correlationId) {
        return clients.get(from).send(new OutboundMessage(to, correlationId, new MessageContent.Text("Hi", false)))
                .toCompletableFuture().join();
    }

    static SendOutcome.Rejected rejected(SendOutcome outcome) {
        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        return (SendOutcome.Rejected) outcome;
    }

    @Nested
    class Numbers {

        @Test
        void eachNumberIsServedOnItsOwnPathAndRecordedAsTheSender() throws Exception {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));

            SendOutcome fromA = text(a, LEAD, "from-a");
            SendOutcome fromB = text(B, LEAD, "from-b");
            SendOutcome fromC = text(C, OTHER, "from-c");
            HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(sim.baseUrl() + "/v23.0/100000000000099/messages"))
                    .header("Authorization", "Bearer " + WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(List.of(fromA, fromB, fromC)).allMatch(o -> o instanceof SendOutcome.Accepted);
            assertThat(sim.sentFor("from-a")).singleElement().extracting(SentMessage::phoneNumberId).isEqualTo(a);
            assertThat(sim.sentFor("from-b")).singleElement().extracting(SentMessage::phoneNumberId).isEqualTo(B);
            assertThat(sim.sentFor("from-c")).singleElement().extracting(SentMessage::phoneNumberId).isEqualTo(C);
            assertThat(sim.sentCountFrom(B)).isEqualTo(1);
            assertThat(sim.sentCountFrom("100000000000099")).isZero();
            assertThat(unknown.body()).contains("\"code\":100").contains("does not exist");
            assertThat(sim.phoneNumberIds()).containsExactly(WhatsAppCloudSimulator.DEFAULT_PHONE_NUMBER_ID, B, C);
        }

        @Test
        void mediaIsUploadedToAnyNumberAndAMessageFromAnotherMayNameIt() {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));

            String id = clients.get(C).mediaId(TestFiles.png("c-upload")).toCompletableFuture().join();
            SendOutcome fromB = clients.get(B).send(new OutboundMessage(LEAD, "m1",
                    new MessageContent.Media(TestFiles.pdf("b-upload"), "Brochure"))).toCompletableFuture().join();

            assertThat(id).isNotBlank();
            assertThat(fromB).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(sim.uploadedMedia()).hasSize(2);
        }

        @Test
        void eachNumbersClientConfigurationCarriesItsIdsAndSecret() {
            start(b -> { });

            CloudApiConfig c = sim.clientConfig(C).build();
            CloudApiConfig defaultConfig = sim.clientConfig().build();

            assertThat(c.phoneNumberId()).isEqualTo(C);
            assertThat(c.wabaId()).isEqualTo(WABA_C);
            assertThat(c.appSecret()).isEqualTo(SECRET_2);
            assertThat(sim.clientConfig(B).build().wabaId()).as("the default WABA").isEqualTo(sim.wabaId());
            assertThat(defaultConfig.phoneNumberId()).isEqualTo(a);
            assertThat(defaultConfig.appSecret()).isEqualTo(SECRET_1).isEqualTo(sim.appSecret());
            assertThatThrownBy(() -> sim.clientConfig("999")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("999");
            assertThatThrownBy(() -> sim.faults("999")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theTemplatesAreListedForTheWabaOfEachNumber() {
            start(b -> b.templates(List.of(new ProviderTemplate("hello", "en_US", "UTILITY", "APPROVED", 0, List.of(),
                    null, "Hello"))));

            assertThat(clients.get(C).templateSync().fetchAll()).extracting(ProviderTemplate::name)
                    .containsExactly("hello");
            assertThat(clients.get(a).templateSync().fetchAll()).extracting(ProviderTemplate::name)
                    .containsExactly("hello");
        }

        @Test
        void twoNumbersWithOneIdAreRefusedAtStart() {
            SimulatorBuilder builder = WhatsAppCloudSimulator.builder()
                    .number(WhatsAppCloudSimulator.DEFAULT_PHONE_NUMBER_ID, "15550100093", "s");

            assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("twice");
            assertThatThrownBy(() -> WhatsAppCloudSimulator.builder().number("+1555", "15550100093", "s"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aRoutingTransportSendsEachMessageFromTheNumberItNames() {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));
            SenderRoutingTransport routing = SenderRoutingTransport.of(List.of(clients.get(a), clients.get(B),
                    clients.get(C)));

            routing.send(new OutboundMessage(LEAD, "r-c", new MessageContent.Text("Hi", false), C))
                    .toCompletableFuture().join();
            routing.send(new OutboundMessage(LEAD, "r-default", new MessageContent.Text("Hi", false)))
                    .toCompletableFuture().join();

            assertThat(sim.sentFor("r-c")).singleElement().extracting(SentMessage::phoneNumberId).isEqualTo(C);
            assertThat(sim.sentFor("r-default")).singleElement().extracting(SentMessage::phoneNumberId).isEqualTo(a);
        }
    }

    @Nested
    class RulesPerNumber {

        @Test
        void theThroughputIsEachNumbersOwn() {
            start(b -> b.throughputPerSecond(2).serviceWindowEnforced(false).pairRateEnforced(false));

            SendOutcome a1 = text(a, "+15550100101", "a1");
            SendOutcome a2 = text(a, "+15550100102", "a2");
            SendOutcome a3 = text(a, "+15550100103", "a3");
            SendOutcome b1 = text(B, "+15550100104", "b1");
            SendOutcome b2 = text(B, "+15550100105", "b2");

            assertThat(List.of(a1, a2, b1, b2)).allMatch(o -> o instanceof SendOutcome.Accepted);
            assertThat(rejected(a3).code()).isEqualTo("130429");
            assertThat(rejected(text(B, "+15550100106", "b3")).code()).isEqualTo("130429");
            assertThat(text(C, "+15550100107", "c1")).isInstanceOf(SendOutcome.Accepted.class);
        }

        @Test
        void theServiceWindowIsOpenOnlyWithTheNumberTheLeadWroteTo() {
            start(b -> b.pairRateEnforced(false));

            sim.simulateInboundTo(B, LEAD, "Hi B");

            assertThat(text(B, LEAD, "b1")).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(rejected(text(a, LEAD, "a1")).code()).isEqualTo("131047");
            assertThat(rejected(text(C, LEAD, "c1")).code()).isEqualTo("131047");
            sim.simulateInbound(LEAD, "Hi default");
            assertThat(text(a, LEAD, "a2")).isInstanceOf(SendOutcome.Accepted.class);
            assertThatThrownBy(() -> sim.simulateInboundTo("999", LEAD, "x")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void thePairRateIsPerNumberAndLead() {
            start(b -> b.serviceWindowEnforced(false));

            assertThat(text(a, LEAD, "a1")).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(rejected(text(a, LEAD, "a2")).code()).isEqualTo("131056");
            assertThat(text(B, LEAD, "b1")).isInstanceOf(SendOutcome.Accepted.class);
        }

        @Test
        void oneNumberAnswers131048WhileTheOthersSend() {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));
            sim.faults(B).failNext(2, 131048);

            SendOutcome.Rejected b1 = rejected(text(B, LEAD, "b1"));
            SendOutcome a1 = text(a, LEAD, "a1");
            SendOutcome c1 = text(C, LEAD, "c1");
            SendOutcome.Rejected b2 = rejected(text(B, OTHER, "b2"));
            SendOutcome b3 = text(B, OTHER, "b3");

            assertThat(b1.code()).isEqualTo("131048");
            assertThat(b1.errorClass()).isEqualTo(ErrorClass.QUALITY_PAUSE);
            assertThat(b2.code()).isEqualTo("131048");
            assertThat(List.of(a1, c1, b3)).allMatch(o -> o instanceof SendOutcome.Accepted);
            assertThat(sim.rejectedCount(131048)).isEqualTo(2);
        }

        @Test
        void theDefaultFaultsAreTheDefaultNumbersOnly() {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));
            sim.faults().failNext(1, 131000);

            SendOutcome b1 = text(B, LEAD, "b1");
            SendOutcome.Rejected a1 = rejected(text(a, LEAD, "a1"));

            assertThat(b1).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(a1.code()).isEqualTo("131000");
            assertThat(sim.faults()).isSameAs(sim.faults(a)).isNotSameAs(sim.faults(B));
        }

        @Test
        void anOptOutIsTheBusinesssForEveryNumber() {
            start(b -> b.pairRateEnforced(false).templates(List.of(new ProviderTemplate("promo", "en_US", "MARKETING",
                    "APPROVED", 0, List.of(), null, "Promo"))));
            sim.simulateOptOut(LEAD);

            SendOutcome fromC = clients.get(C).send(new OutboundMessage(LEAD, "t1",
                    new MessageContent.Template("promo", "en_US", List.of(), null, null))).toCompletableFuture().join();

            assertThat(rejected(fromC).code()).isEqualTo("131050");
        }
    }

    @Nested
    class Webhooks {

        record Post(byte[] body, String signature) {
        }

        HttpServer receiver;
        final List<Post> posts = new CopyOnWriteArrayList<>();
        final List<TrackingEvent> events = new CopyOnWriteArrayList<>();
        final WebhookParser parser = new WebhookParser();
        WebhookVerifier verifier;

        @AfterEach
        void stopReceiver() {
            receiver.stop(0);
        }

        void startWithWebhooks(Consumer<SimulatorBuilder> settings) throws IOException {
            receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            receiver.createContext("/webhook", this::receive);
            receiver.start();
            start(b -> settings.accept(b.webhookUrl("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook")
                    .statusDelays(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(30))
                    .webhookBatching(50, Duration.ofMillis(50)).serviceWindowEnforced(false).pairRateEnforced(false)));
            verifier = WebhookVerifier.forNumbers(sim.phoneNumberIds().stream().map(id -> sim.clientConfig(id).build())
                    .collect(Collectors.toList()));
        }

        private void receive(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = parser.readBody(exchange.getRequestBody());
                String signature = exchange.getRequestHeaders().getFirst(WebhookVerifier.SIGNATURE_HEADER);
                posts.add(new Post(body, signature));
                if (!verifier.isValidSignature(body, signature)) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                events.addAll(parser.parse(body));
                exchange.sendResponseHeaders(200, -1);
            }
        }

        /** The phone number ids the changes of a body name, with the wamids of their statuses and messages. */
        Map<String, Set<String>> wamidsByNumber(byte[] body) {
            Map<String, Set<String>> out = new HashMap<>();
            for (JsonNode entry : Json.tryParse(body).path("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    JsonNode value = change.path("value");
                    Set<String> wamids = out.computeIfAbsent(value.path("metadata").path("phone_number_id")
                            .stringValue(), k -> new HashSet<>());
                    value.path("statuses").forEach(s -> wamids.add(s.path("id").stringValue()));
                    value.path("messages").forEach(m -> wamids.add(m.path("id").stringValue()));
                }
            }
            return out;
        }

        String wamid(SendOutcome outcome) {
            return ((SendOutcome.Accepted) outcome).providerMessageId();
        }

        @Test
        void statusesNameTheirNumberAndEachPostIsSignedWithItsAppsSecret() throws Exception {
            startWithWebhooks(b -> b.readShare(0));

            String fromA = wamid(text(a, LEAD, "a1"));
            String fromB = wamid(text(B, LEAD, "b1"));
            String fromC = wamid(text(C, LEAD, "c1"));
            assertThat(sim.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

            assertThat(events).filteredOn(DeliveryEvent.class::isInstance).hasSize(6);
            WebhookVerifier app1 = new WebhookVerifier(SECRET_1, null);
            WebhookVerifier app2 = new WebhookVerifier(SECRET_2, null);
            Map<String, String> numberOfWamid = new HashMap<>();
            for (Post post : posts) {
                Map<String, Set<String>> named = wamidsByNumber(post.body());
                named.forEach((number, wamids) -> wamids.forEach(w -> numberOfWamid.put(w, number)));
                boolean ofApp2 = named.containsKey(C);
                assertThat(named.keySet()).as("one app a post").isSubsetOf(ofApp2 ? Set.of(C) : Set.of(a, B));
                assertThat(app1.isValidSignature(post.body(), post.signature())).isEqualTo(!ofApp2);
                assertThat(app2.isValidSignature(post.body(), post.signature())).isEqualTo(ofApp2);
            }
            assertThat(numberOfWamid).containsEntry(fromA, a).containsEntry(fromB, B).containsEntry(fromC, C);
            assertThat(new String(posts.get(0).body(), StandardCharsets.UTF_8)).contains("\"display_phone_number\"");
        }

        @Test
        void aBatchOfOneAppNamesItsNumbersInOneEntryPerWaba() throws Exception {
            // Statuses of A and B (one app, one WABA) sent alternately within a few ms, flushed every
            // 200 ms: most flushes hold both numbers' statuses, and each such POST has one entry.
            startWithWebhooks(b -> b.readShare(0).statusDelays(Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofMillis(1)).webhookBatching(100, Duration.ofMillis(200)));

            for (int i = 0; i < 5; i++) {
                text(a, "+1555010020" + i, "a" + i);
                text(B, "+1555010020" + i, "b" + i);
            }
            assertThat(sim.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

            assertThat(events).filteredOn(DeliveryEvent.class::isInstance).hasSize(20);
            assertThat(posts).anySatisfy(post -> {
                JsonNode root = Json.tryParse(post.body());
                assertThat(root.path("entry")).hasSize(1);
                assertThat(wamidsByNumber(post.body()).keySet()).containsExactlyInAnyOrder(a, B);
            });
        }

        @Test
        void inboundMessagesAndScriptedRepliesComeFromTheNumberWrittenTo() throws Exception {
            startWithWebhooks(b -> b.readShare(0).inboundScript(m -> "c-asks".equals(m.correlationId())
                    ? ScriptedReply.text(Duration.ofMillis(20), "Yes please") : null));

            String inbound = sim.simulateInboundTo(B, OTHER, "Hello B");
            String asked = wamid(text(C, LEAD, "c-asks"));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                    .filter(InboundReply.class::isInstance).count() == 2);
            assertThat(sim.awaitWebhooks(Duration.ofSeconds(10))).isTrue();

            List<InboundReply> replies = events.stream().filter(InboundReply.class::isInstance)
                    .map(InboundReply.class::cast).collect(Collectors.toList());
            assertThat(replies).anySatisfy(r -> {
                assertThat(r.providerMessageId()).isEqualTo(inbound);
                assertThat(r.from()).isEqualTo(OTHER);
                assertThat(r.businessNumberId()).isEqualTo(B);
            });
            assertThat(replies).anySatisfy(r -> {
                assertThat(r.contextMessageId()).isEqualTo(asked);
                assertThat(r.text()).isEqualTo("Yes please");
                assertThat(r.businessNumberId()).isEqualTo(C);
            });
            assertThat(posts).anySatisfy(post -> assertThat(new String(post.body(), StandardCharsets.UTF_8))
                    .contains("\"context\":{\"from\":\"15550100092\"").contains("\"display_phone_number\":\"15550100092\""));
        }
    }
}
