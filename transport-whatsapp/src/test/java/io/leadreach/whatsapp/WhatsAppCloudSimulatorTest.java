package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadreach.template.ProviderTemplate;
import io.leadreach.testing.MutableClock;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.SimulatorBuilder;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's rules, faults and records, driven through the real client. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WhatsAppCloudSimulatorTest {

    static final String LEAD = "+15550100001";
    static final String OTHER = "+15550100002";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    final List<AutoCloseable> resources = new ArrayList<>();
    WhatsAppCloudSimulator sim;
    CloudApiTransport client;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    void start(Consumer<SimulatorBuilder> settings) {
        SimulatorBuilder builder = WhatsAppCloudSimulator.builder().clock(clock).seed(7);
        settings.accept(builder);
        sim = builder.start();
        resources.add(sim);
        client = CloudApiTransport.create(sim.clientConfig().responseTimeout(Duration.ofSeconds(10)).build());
        resources.add(client);
    }

    SendOutcome send(String to, String correlationId, MessageContent content) {
        return client.send(new OutboundMessage(to, correlationId, content)).toCompletableFuture().join();
    }

    SendOutcome text(String to, String correlationId) {
        return send(to, correlationId, new MessageContent.Text("Hello " + correlationId, false));
    }

    static SendOutcome.Rejected rejected(SendOutcome outcome) {
        assertThat(outcome).isInstanceOf(SendOutcome.Rejected.class);
        return (SendOutcome.Rejected) outcome;
    }

    HttpResponse<String> postRaw(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    String messagesPath() {
        return "/v23.0/" + sim.phoneNumberId() + "/messages";
    }

    @Test
    void acceptedMessagesAreRecordedWithTheirCorrelationId() {
        start(b -> b.windowOpenFor(LEAD).pairRateEnforced(false));

        SendOutcome first = text(LEAD, "corr-1");
        SendOutcome second = send(LEAD, "corr-2", new MessageContent.Template("hello_world", "en_US", List.of(), null,
                null));

        assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(second).isInstanceOf(SendOutcome.Accepted.class);
        assertThat(sim.sentCount()).isEqualTo(2);
        assertThat(sim.sentCount("corr-1")).isEqualTo(1);
        assertThat(sim.sentCount("corr-unknown")).isZero();
        SentMessage message = sim.sentFor("corr-1").get(0);
        assertThat(message.wamid()).isEqualTo(((SendOutcome.Accepted) first).providerMessageId()).startsWith("wamid.");
        assertThat(message.to()).isEqualTo(LEAD);
        assertThat(message.type()).isEqualTo("text");
        assertThat(message.body()).isEqualTo("Hello corr-1");
        assertThat(message.payload()).contains("\"biz_opaque_callback_data\":\"corr-1\"");
        assertThat(message.acceptedAt()).isEqualTo(clock.instant());
        assertThat(sim.sentMessages().get(1).templateName()).isEqualTo("hello_world");
        assertThat(sim.sentCountsByCorrelationId()).containsEntry("corr-1", 1).containsEntry("corr-2", 1);
    }

    @Test
    void aRestartedSimulatorWithTheSameSeedAndClockHandsOutNewWamids() {
        start(b -> b.windowOpenFor(LEAD).pairRateEnforced(false));
        String before = ((SendOutcome.Accepted) text(LEAD, "corr-1")).providerMessageId();
        String inbound = sim.simulateInbound(LEAD, "hi");

        // a restart: a new simulator with the same seed and clock (the first is closed after the test)
        start(b -> b.windowOpenFor(LEAD).pairRateEnforced(false));
        String after = ((SendOutcome.Accepted) text(LEAD, "corr-1")).providerMessageId();

        assertThat(after).isNotEqualTo(before).isNotEqualTo(inbound).startsWith("wamid.");
        assertThat(after.length()).isLessThanOrEqualTo(128);
    }

    @Nested
    class ServiceWindow {

        @Test
        void freeFormTextWithoutAnInboundMessageIsOutsideTheWindow() {
            start(b -> b.pairRateEnforced(false));

            SendOutcome.Rejected r = rejected(text(LEAD, "c1"));

            assertThat(r.code()).isEqualTo("131047");
            assertThat(r.errorClass()).isEqualTo(ErrorClass.OUTSIDE_SERVICE_WINDOW);
            assertThat(sim.sentCount()).isZero();
            assertThat(sim.rejectedCount(131047)).isEqualTo(1);
        }

        @Test
        void aTemplateNeedsNoWindow() {
            start(b -> b.pairRateEnforced(false));

            assertThat(send(LEAD, "c1", new MessageContent.Template("hello_world", "en_US", List.of(), null, null)))
                    .isInstanceOf(SendOutcome.Accepted.class);
        }

        @Test
        void anInboundMessageOpensTheWindowFor24Hours() {
            start(b -> b.pairRateEnforced(false));

            sim.simulateInbound(LEAD, "Hi there");
            SendOutcome inside = text(LEAD, "c1");
            clock.advance(Duration.ofHours(23).plusMinutes(59));
            SendOutcome stillInside = text(LEAD, "c2");
            clock.advance(Duration.ofMinutes(1));
            SendOutcome after = text(LEAD, "c3");

            assertThat(inside).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(stillInside).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(rejected(after).code()).isEqualTo("131047");
            assertThat(rejected(text(OTHER, "c4")).code()).as("only that number's window").isEqualTo("131047");
        }

        @Test
        void theWindowRuleCanBeSwitchedOff() {
            start(b -> b.pairRateEnforced(false).serviceWindowEnforced(false));

            assertThat(text(LEAD, "c1")).isInstanceOf(SendOutcome.Accepted.class);
            sim.serviceWindowEnforced(true);
            assertThat(rejected(text(OTHER, "c2")).code()).isEqualTo("131047");
        }
    }

    @Nested
    class Rates {

        @Test
        void theNumbersThroughputIsLimitedPerSecond() {
            start(b -> b.throughputPerSecond(3).pairRateEnforced(false).serviceWindowEnforced(false));

            List<SendOutcome> burst = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                burst.add(text("+1555010010" + i, "c" + i));
            }
            clock.advance(Duration.ofSeconds(1));
            SendOutcome nextSecond = text("+15550100109", "c9");

            assertThat(burst.subList(0, 3)).allMatch(o -> o instanceof SendOutcome.Accepted);
            SendOutcome.Rejected r = rejected(burst.get(3));
            assertThat(r.code()).isEqualTo("130429");
            assertThat(r.errorClass()).isEqualTo(ErrorClass.RATE_LIMITED);
            assertThat(nextSecond).isInstanceOf(SendOutcome.Accepted.class);
        }

        @Test
        void thePairRateAllowsOneMessagePerSixSecondsToOneRecipient() {
            start(b -> b.serviceWindowEnforced(false));

            SendOutcome first = text(LEAD, "c1");
            SendOutcome tooSoon = text(LEAD, "c2");
            SendOutcome otherRecipient = text(OTHER, "c3");
            clock.advance(Duration.ofSeconds(6));
            SendOutcome later = text(LEAD, "c4");

            assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
            SendOutcome.Rejected r = rejected(tooSoon);
            assertThat(r.code()).isEqualTo("131056");
            assertThat(r.errorClass()).isEqualTo(ErrorClass.PAIR_RATE_LIMITED);
            assertThat(otherRecipient).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(later).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(sim.sentCount("c2")).isZero();
        }

        @Test
        void aPairBurstBorrowsFromLater() {
            start(b -> b.serviceWindowEnforced(false).pairRate(3, Duration.ofSeconds(6)));

            assertThat(List.of(text(LEAD, "a"), text(LEAD, "b"), text(LEAD, "c")))
                    .allMatch(o -> o instanceof SendOutcome.Accepted);
            assertThat(rejected(text(LEAD, "d")).code()).isEqualTo("131056");
            clock.advance(Duration.ofSeconds(6));
            assertThat(text(LEAD, "e")).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(rejected(text(LEAD, "f")).code()).isEqualTo("131056");
        }
    }

    @Nested
    class PayloadChecks {

        @Test
        void textOver4096CharactersIsRefusedLikeMeta() throws Exception {
            start(b -> b.serviceWindowEnforced(false));

            HttpResponse<String> response = postRaw(messagesPath(), "{\"messaging_product\":\"whatsapp\",\"to\":\""
                    + LEAD + "\",\"type\":\"text\",\"text\":{\"body\":\"" + "x".repeat(4097) + "\"}}",
                    WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"code\":100").contains("4096").contains("fbtrace_id");
        }

        @Test
        void aCaptionOver1024CharactersAndAnUnknownMediaIdAreRefused() throws Exception {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));
            MediaFile png = TestFiles.png("caption");
            String id = client.mediaId(png).toCompletableFuture().join();

            HttpResponse<String> longCaption = postRaw(messagesPath(), "{\"messaging_product\":\"whatsapp\",\"to\":\""
                    + LEAD + "\",\"type\":\"image\",\"image\":{\"id\":\"" + id + "\",\"caption\":\"" + "c".repeat(1025)
                    + "\"}}", WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN);
            HttpResponse<String> unknownId = postRaw(messagesPath(), "{\"messaging_product\":\"whatsapp\",\"to\":\""
                    + LEAD + "\",\"type\":\"image\",\"image\":{\"id\":\"123\"}}", WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN);

            assertThat(longCaption.body()).contains("\"code\":100").contains("1024");
            assertThat(unknownId.body()).contains("\"code\":100").contains("media attachment ID");
            assertThat(sim.sentCount()).isZero();
        }

        @Test
        void aNumberThatIsNotE164AndAMissingProductAreRefused() throws Exception {
            start(b -> b.serviceWindowEnforced(false));

            assertThat(postRaw(messagesPath(), "{\"messaging_product\":\"whatsapp\",\"to\":\"0555-CALL-NOW\","
                    + "\"type\":\"text\",\"text\":{\"body\":\"x\"}}", WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN).body())
                    .contains("\"code\":100").contains("E.164");
            assertThat(postRaw(messagesPath(), "{\"to\":\"" + LEAD + "\",\"text\":{\"body\":\"x\"}}",
                    WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN).body()).contains("messaging_product");
            assertThat(postRaw(messagesPath(), "not json", WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN).statusCode())
                    .isEqualTo(400);
        }

        @Test
        void aWrongTokenIs190AndAnUnknownPhoneNumberIdIs100() throws Exception {
            start(b -> b.serviceWindowEnforced(false));

            HttpResponse<String> badToken = postRaw(messagesPath(), "{}", "stolen");
            HttpResponse<String> badPhone = postRaw("/v23.0/999/messages", "{}", WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN);

            assertThat(badToken.statusCode()).isEqualTo(401);
            assertThat(badToken.body()).contains("\"code\":190");
            assertThat(badPhone.body()).contains("\"code\":100").contains("does not exist");
        }

        @Test
        void anUploadOfAnUnsupportedTypeIsRefusedWith131053() throws Exception {
            start(b -> { });
            String boundary = "sim-boundary";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                    + "whatsapp\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"a.gif\"\r\nContent-Type: image/gif\r\n\r\nGIF89a\r\n--" + boundary + "--\r\n";
            HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v23.0/" + sim.phoneNumberId()
                            + "/media"))
                    .header("Authorization", "Bearer " + WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();

            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).contains("\"code\":131053").contains("image/gif");
            assertThat(sim.uploadedMedia()).isEmpty();
        }

        @Test
        void mediaIsUploadedOnceAndSentByItsId() {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));
            MediaFile pdf = TestFiles.pdf("brochure");

            SendOutcome first = send(LEAD, "m1", new MessageContent.Media(pdf, "Brochure"));
            SendOutcome second = send(OTHER, "m2", new MessageContent.Media(pdf, null));

            assertThat(first).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(second).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(sim.uploadedMedia()).singleElement().satisfies(m -> {
                assertThat(m.sha256()).isEqualTo(pdf.attachment().sha256());
                assertThat(m.mimeType()).isEqualTo("application/pdf");
                assertThat(m.filename()).isEqualTo("brochure.pdf");
            });
            assertThat(sim.sentFor("m1").get(0).mediaId()).isEqualTo(sim.uploadedMedia().get(0).id());
            assertThat(sim.sentFor("m1").get(0).body()).isEqualTo("Brochure");
        }
    }

    @Nested
    class Templates {

        final List<ProviderTemplate> templates = List.of(
                new ProviderTemplate("spring_offer", "en_US", "MARKETING", "APPROVED", 2, List.of(), "IMAGE", null),
                new ProviderTemplate("order_update", "en_US", "UTILITY", "APPROVED", 1, List.of("order_id"), null,
                        "Order {{order_id}} shipped"),
                new ProviderTemplate("old_offer", "en_US", "MARKETING", "PAUSED", 0, List.of(), null, null),
                new ProviderTemplate("draft", "en_US", "MARKETING", "PENDING", 0, List.of(), null, null),
                new ProviderTemplate("hola", "es", "UTILITY", "APPROVED", 0, List.of(), null, "Hola"));

        @Test
        void templatesAreListedPageByPageAndSyncedBack() {
            start(b -> b.templates(templates).templatePageSize(2));

            List<ProviderTemplate> synced = client.templateSync().fetchAll();

            assertThat(synced).extracting(ProviderTemplate::name)
                    .containsExactly("spring_offer", "order_update", "old_offer", "draft", "hola");
            assertThat(synced.get(0).bodyParameterCount()).isEqualTo(2);
            assertThat(synced.get(0).headerFormat()).isEqualTo("IMAGE");
            assertThat(synced.get(1).bodyParameterNames()).containsExactly("order_id");
            assertThat(synced.get(2).status()).isEqualTo("PAUSED");
        }

        @Test
        void templateSendsAreCheckedAgainstTheKnownTemplates() {
            start(b -> b.templates(templates).pairRateEnforced(false));

            assertThat(send(LEAD, "t1", new MessageContent.Template("spring_offer", "en_US", List.of("Alex", "20%"),
                    TestFiles.png("hdr"), List.of("STOP")))).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(rejected(send(LEAD, "t2", new MessageContent.Template("spring_offer", "en_US", List.of("Alex"),
                    null, null))).code()).isEqualTo("132000");
            assertThat(rejected(send(LEAD, "t3", new MessageContent.Template("spring_offer", "de", List.of(), null,
                    null))).code()).isEqualTo("132001");
            assertThat(rejected(send(LEAD, "t4", new MessageContent.Template("old_offer", "en_US", List.of(), null,
                    null))).code()).isEqualTo("132015");
            assertThat(rejected(send(LEAD, "t5", new MessageContent.Template("draft", "en_US", List.of(), null,
                    null))).code()).isEqualTo("132001");
            assertThat(sim.sentFor("t1").get(0).templateParameters()).containsExactly("Alex", "20%");
        }

        @Test
        void anOptedOutUserGetsNoMarketingTemplatesButStillUtilityOnes() {
            start(b -> b.templates(templates).pairRateEnforced(false));
            sim.simulateOptOut(LEAD);

            SendOutcome.Rejected r = rejected(send(LEAD, "t1", new MessageContent.Template("spring_offer", "en_US",
                    List.of("A", "B"), null, null)));
            SendOutcome utility = send(LEAD, "t2", new MessageContent.Template("order_update", "en_US", List.of("7"),
                    null, null));
            sim.simulateOptIn(LEAD);
            SendOutcome afterOptIn = send(LEAD, "t3", new MessageContent.Template("spring_offer", "en_US",
                    List.of("A", "B"), null, null));

            assertThat(r.code()).isEqualTo("131050");
            assertThat(r.errorClass()).isEqualTo(ErrorClass.OPTED_OUT);
            assertThat(utility).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(afterOptIn).isInstanceOf(SendOutcome.Accepted.class);
        }
    }

    @Nested
    class Faults {

        @Test
        void anErrorCodeForTheNextRequestsThenNormalService() {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false));
            sim.faults().failNext(2, 131000).retryAfter(Duration.ofSeconds(3));

            SendOutcome.Rejected first = rejected(text(LEAD, "c1"));
            SendOutcome.Rejected second = rejected(text(LEAD, "c2"));
            SendOutcome third = text(LEAD, "c3");

            assertThat(first.code()).isEqualTo("131000");
            assertThat(first.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
            assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(3));
            assertThat(second.code()).isEqualTo("131000");
            assertThat(third).isInstanceOf(SendOutcome.Accepted.class);
            assertThat(sim.sentCount()).isEqualTo(1);
        }

        @Test
        void aShareOfRequestsFails() {
            start(b -> b.serviceWindowEnforced(false).pairRateEnforced(false).unlimitedThroughput());
            sim.faults().failShare(0.5, 131048);

            int refused = 0;
            for (int i = 0; i < 200; i++) {
                if (text(LEAD, "c" + i) instanceof SendOutcome.Rejected) {
                    refused++;
                }
            }

            assertThat(refused).isBetween(60, 140);
            assertThat(sim.rejectedCount(131048)).isEqualTo(refused);
            assertThat(sim.sentCount()).isEqualTo(200 - refused);
        }

        @Test
        void anHtml503IsRetryable() {
            start(b -> b.serviceWindowEnforced(false));
            sim.faults().httpErrorNext(1, 503);

            SendOutcome.Rejected r = rejected(text(LEAD, "c1"));

            assertThat(r.code()).isEqualTo("HTTP_503");
            assertThat(r.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
        }

        @Test
        void aDroppedConnectionAfterTheRequestIsUnknownAndNothingIsRecorded() {
            start(b -> b.serviceWindowEnforced(false));
            sim.faults().resetNext(1);

            SendOutcome outcome = text(LEAD, "c1");

            assertThat(outcome).isInstanceOf(SendOutcome.Unknown.class);
            assertThat(sim.sentCount("c1")).isZero();
            assertThat(text(OTHER, "c2")).isInstanceOf(SendOutcome.Accepted.class);
        }

        @Test
        void aDelayBeyondTheClientsTimeoutIsUnknownYetTheMessageWasSent() throws Exception {
            start(b -> b.serviceWindowEnforced(false));
            // HttpClient checks response timeouts on a 1 s select tick: the delay is well beyond both.
            sim.faults().delayNext(1, Duration.ofMillis(4_000));
            CloudApiTransport impatient = CloudApiTransport.create(sim.clientConfig()
                    .responseTimeout(Duration.ofMillis(300)).build());
            resources.add(impatient);

            SendOutcome outcome = impatient.send(new OutboundMessage(LEAD, "c1", new MessageContent.Text("Hi", false)))
                    .toCompletableFuture().join();
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.sentCount("c1") > 0);

            assertThat(outcome).isInstanceOf(SendOutcome.Unknown.class);
            assertThat(sim.sentCount("c1")).as("the webhook, not a resend, must settle it").isEqualTo(1);
        }
    }

    @Test
    void concurrentSendsAreAllRecordedWithUniqueIds() {
        start(b -> b.serviceWindowEnforced(false).unlimitedThroughput());

        List<CompletableFuture<SendOutcome>> sends = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sends.add(client.send(new OutboundMessage(String.format("+1555%07d", i), "c" + i,
                    new MessageContent.Text("Hi", false))).toCompletableFuture());
        }
        Set<String> wamids = new HashSet<>();
        sends.forEach(f -> wamids.add(((SendOutcome.Accepted) f.join()).providerMessageId()));

        assertThat(wamids).hasSize(300);
        assertThat(sim.sentCount()).isEqualTo(300);
        assertThat(sim.sentCountsByCorrelationId()).hasSize(300).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    }
}
