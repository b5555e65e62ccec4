package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.security.Permission;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.whatsapp.CloudApiConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Abusive webhook deliveries that are validly signed (or too big to be checked): a body at the
 * size limit and one byte over it, bodies far over it with and without a Content-Length, deeply
 * nested JSON, very long numbers, and one delivery repeated from concurrent requests. The endpoint
 * answers each quickly, keeps answering afterwards, and the state is as after one delivery.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebhookAbuseTest extends WebhookAbuseSupport {

    private static final int LIMIT = CloudApiConfig.DEFAULT_MAX_WEBHOOK_BODY_SIZE;

    @Autowired
    ReplyStore replies;

    @Autowired
    MessageStore messages;

    /** A delivery of a status for a known message plus unknown ones, padded with an unknown field to exactly {@code size} bytes. */
    private static byte[] paddedTo(int size, String knownStatus) {
        List<String> statuses = new ArrayList<>();
        statuses.add(knownStatus);
        for (int i = 0; i < 999; i++) {
            statuses.add(status("wamid.PAD." + i, "delivered", TestApplication.NOON.getEpochSecond(), waId(1), null));
        }
        String shell = delivery("\"padding\":\"%s\",\"statuses\":[" + String.join(",", statuses) + "]");
        int pad = size - (shell.length() - 2);
        assertThat(pad).as("room for the padding").isPositive();
        byte[] body = shell.replace("%s", "x".repeat(pad)).getBytes(StandardCharsets.US_ASCII);
        assertThat(body).hasSize(size);
        return body;
    }

    @Test
    void aBodyAtTheLimitIsAppliedAndOneByteMoreIsRefusedWith413AndNothingApplied() throws Exception {
        CampaignRecipient r = sentCampaign("at the limit", List.of(3L)).get(3L);
        String delivered = status(r.providerMessageId(), "delivered", TestApplication.NOON.getEpochSecond(), waId(3),
                r.correlationId());
        long received = tracker.statistics().received();

        Answer over = deliver(paddedTo(LIMIT + 1, delivered));
        assertThat(over.status()).as(over.body()).isEqualTo(413);
        assertThat(over.body()).contains("larger than " + LIMIT + " bytes");
        assertThat(tracker.statistics().received()).isEqualTo(received);
        assertThat(campaigns.findRecipient(r.id()).orElseThrow().status()).isEqualTo(RecipientStatus.SENT);

        Answer at = deliver(paddedTo(LIMIT, delivered));
        assertThat(at.status()).as(at.body()).isEqualTo(200);
        assertThat(tracker.statistics().received()).as("every status of the batch").isEqualTo(received + 1_000);
        assertThat(campaigns.findRecipient(r.id()).orElseThrow().status()).isEqualTo(RecipientStatus.DELIVERED);
    }

    /** 100 MB of '[' made as the server takes them, counting what was produced. */
    private static final class Flood implements AsyncEntityProducer {
        static final long SIZE = 100L * 1024 * 1024;
        private final boolean chunked;
        private final AtomicLong produced = new AtomicLong();
        private final ByteBuffer chunk = ByteBuffer.wrap("[".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII));

        Flood(boolean chunked) {
            this.chunked = chunked;
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void failed(Exception cause) {
        }

        @Override
        public long getContentLength() {
            return chunked ? -1 : SIZE;
        }

        @Override
        public String getContentType() {
            return ContentType.APPLICATION_JSON.toString();
        }

        @Override
        public String getContentEncoding() {
            return null;
        }

        @Override
        public boolean isChunked() {
            return chunked;
        }

        @Override
        public Set<String> getTrailerNames() {
            return Collections.emptySet();
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, SIZE - produced.get());
        }

        @Override
        public void produce(DataStreamChannel channel) throws IOException {
            while (produced.get() < SIZE) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), SIZE - produced.get()));
                int n = channel.write(chunk);
                produced.addAndGet(n);
                if (n == 0) {
                    return; // called again when the socket takes more
                }
            }
            channel.endStream();
        }

        @Override
        public void releaseResources() {
        }
    }

    @ParameterizedTest(name = "chunked {0}")
    @ValueSource(booleans = {false, true})
    void aHundredMegabyteBodyIsRefusedWithoutBeingRead(boolean chunked) throws Exception {
        long received = tracker.statistics().received();
        Flood flood = new Flood(chunked);
        long start = System.nanoTime();
        String outcome;
        try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
            client.start();
            Future<SimpleHttpResponse> answer = client.execute(
                    new BasicRequestProducer(SimpleRequestBuilder.post(webhook())
                            .setHeader("X-Hub-Signature-256", "sha256=" + "0".repeat(64)).build(), flood),
                    SimpleResponseConsumer.create(), null);
            try {
                SimpleHttpResponse response = answer.get(30, TimeUnit.SECONDS);
                outcome = response.getCode() + " " + response.getBodyText();
            } catch (ExecutionException e) {
                outcome = "failed: " + e.getCause();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("100 MB body (chunked %s): %s after %.2f s, %,d bytes sent%n", chunked, outcome,
                seconds, flood.produced.get());
        assertThat(outcome).startsWith("413 ").contains("larger than " + LIMIT + " bytes");
        // What the server took: the limit, what Tomcat swallows after the answer (2 MB) and the socket buffers.
        assertThat(flood.produced.get()).as("bytes the server let the client send").isLessThan(16L * 1024 * 1024);
        assertThat(seconds).isLessThan(5);
        assertThat(tracker.statistics().received()).isEqualTo(received);
        assertStillAnswering();
    }

    /** A small valid delivery is answered 200 at once. */
    private void assertStillAnswering() throws IOException {
        long received = tracker.statistics().received();
        Answer ok = deliver(statuses(List.of(status("wamid.STILL.THERE", "read", TestApplication.NOON.getEpochSecond(),
                waId(1), null))).getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.nanos()).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(tracker.statistics().received()).isEqualTo(received + 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"arrays", "objects", "arrays in a status"})
    void deeplyNestedJsonIsRefusedWith400Quickly(String shape) throws Exception {
        int depth = 100_000;
        String nested = switch (shape) {
            case "arrays" -> "{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            case "objects" -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            default -> statuses(List.of("{\"id\":\"wamid.DEEP\",\"status\":\"read\",\"timestamp\":\""
                    + TestApplication.NOON.getEpochSecond() + "\",\"errors\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
        };
        byte[] body = nested.getBytes(StandardCharsets.US_ASCII);
        assertThat(body.length).isLessThanOrEqualTo(LIMIT);
        long received = tracker.statistics().received();
        Answer answer = deliver(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("nesting depth");
        assertThat(answer.nanos()).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(tracker.statistics().received()).isEqualTo(received);
        assertStillAnswering();
    }

    @Test
    void aNumberLongerThanJacksonsLimitIsRefusedWith400AndALongStringIsJustText() throws Exception {
        long received = tracker.statistics().received();
        Answer number = deliver(statuses(List.of(status("wamid.LONG.NUMBER", "read", TestApplication.NOON.getEpochSecond(),
                waId(1), null).replace("\"pricing\":{", "\"pricing\":{\"amount\":" + "9".repeat(100_000) + ",")))
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(number.status()).as(number.body()).isEqualTo(400);
        assertThat(number.body()).contains("Number value length");
        assertThat(number.nanos()).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(tracker.statistics().received()).isEqualTo(received);

        // A 900 KB text from a number no lead has: within the body limit, so just an unmatched reply.
        Answer text = deliver(inboundText("12015550999", "wamid.LONG.TEXT", "y".repeat(900_000),
                TestApplication.NOON.getEpochSecond(), "wamid.NONE").getBytes(StandardCharsets.US_ASCII));
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        assertThat(text.nanos()).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(tracker.statistics().received()).isEqualTo(received + 1);
    }

    /** The tracking counters as the console reads them ({@code GET /leads/whatsapp/tracking}). */
    private JsonNode trackingCounters() throws Exception {
        String json = mvc.perform(get("/leads/whatsapp/tracking").with(ApiTestSupport.as(Permission.CAMPAIGN_VIEW)))
                .andExpect(MockMvcResultMatchers.status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(json);
    }

    private static long delta(JsonNode before, JsonNode after, String counter) {
        return after.path(counter).asLong() - before.path(counter).asLong();
    }

    /** 20 copies of one body, for {@link #deliverConcurrently}. */
    private static List<byte[]> copies(String body) {
        return Collections.nCopies(COPIES, body.getBytes(StandardCharsets.UTF_8));
    }

    private static final int COPIES = 20;
    private static final int CLIENTS = 8;

    private static void assertAllOk(List<Answer> answers) {
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isEqualTo(200));
    }

    /**
     * The state after a delivered, a read and a reply for one campaign message, each applied once:
     * the recipient and message READ, one reply row, one reply handed to the CRM, the campaign's
     * counters one read and one replied.
     */
    private void assertAppliedOnce(CampaignRecipient r, String replyWamid) {
        CampaignRecipient now = campaigns.findRecipient(r.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(RecipientStatus.READ);
        assertThat(now.repliedAt()).isNotNull();
        LeadMessage message = messages.findByProviderMessageId(r.providerMessageId()).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageStatus.READ);
        CampaignCounters counters = campaigns.counts(r.campaignId());
        assertThat(counters.get(RecipientStatus.READ)).isEqualTo(1);
        assertThat(counters.total()).isEqualTo(1);
        assertThat(campaigns.countReplied(r.campaignId())).isEqualTo(1);
        assertThat(replies.page(0, 10_000)).filteredOn(x -> replyWamid.equals(x.reply().providerMessageId()))
                .singleElement().satisfies(x -> {
                    assertThat(x.reply().leadId()).isEqualTo(r.leadId());
                    assertThat(x.reply().messageId()).isEqualTo(message.id());
                });
        assertThat(activity.replies()).filteredOn(x -> replyWamid.equals(x.providerMessageId())).hasSize(1);
    }

    @Test
    void eachEventDeliveredTwentyTimesFromEightConcurrentRequestsIsAppliedOnce() throws Exception {
        CampaignRecipient r = sentCampaign("repeated in order", List.of(5L)).get(5L);
        long at = TestApplication.NOON.getEpochSecond();
        String delivered = statuses(List.of(status(r.providerMessageId(), "delivered", at + 1, waId(5), r.correlationId())));
        String read = statuses(List.of(status(r.providerMessageId(), "read", at + 2, waId(5), r.correlationId())));
        String reply = inboundText(waId(5), "wamid.REPLY.5", "Interested, call me", at + 3, r.providerMessageId());
        JsonNode before = trackingCounters();

        assertAllOk(deliverConcurrently(CLIENTS, copies(delivered)));
        assertThat(campaigns.findRecipient(r.id()).orElseThrow().status()).isEqualTo(RecipientStatus.DELIVERED);
        assertAllOk(deliverConcurrently(CLIENTS, copies(read)));
        assertAllOk(deliverConcurrently(CLIENTS, copies(reply)));
        assertAllOk(deliverConcurrently(CLIENTS, copies(delivered))); // Meta's late retries: READ stays

        assertAppliedOnce(r, "wamid.REPLY.5");
        JsonNode after = trackingCounters();
        assertThat(delta(before, after, "received")).isEqualTo(4 * COPIES);
        // A status moves two rows, the message and the recipient, each atomically: two concurrent
        // copies may each move one and both count as applied. The reply has one gate (its id).
        assertThat(delta(before, after, "applied")).as("delivered, read, reply").isBetween(3L, 5L);
        assertThat(delta(before, after, "applied") + delta(before, after, "duplicates")).isEqualTo(4 * COPIES);
    }

    @Test
    void theSameEventsRepeatedAndShuffledFromConcurrentRequestsLeaveTheStateOfOneDelivery() throws Exception {
        long seed = System.nanoTime();
        System.out.println("WebhookAbuseTest shuffle seed " + seed);
        CampaignRecipient r = sentCampaign("repeated shuffled", List.of(6L)).get(6L);
        long at = TestApplication.NOON.getEpochSecond();
        List<byte[]> bodies = new ArrayList<>();
        bodies.addAll(copies(statuses(List.of(status(r.providerMessageId(), "delivered", at + 1, waId(6), r.correlationId())))));
        bodies.addAll(copies(statuses(List.of(status(r.providerMessageId(), "read", at + 2, waId(6), r.correlationId())))));
        bodies.addAll(copies(inboundText(waId(6), "wamid.REPLY.6", "Yes please", at + 3, r.providerMessageId())));
        Collections.shuffle(bodies, new Random(seed));
        JsonNode before = trackingCounters();

        assertAllOk(deliverConcurrently(CLIENTS, bodies));

        assertAppliedOnce(r, "wamid.REPLY.6");
        JsonNode after = trackingCounters();
        assertThat(delta(before, after, "received")).isEqualTo(3 * COPIES);
        // the delivered changes nothing when the read came first; a status may count twice (see above)
        assertThat(delta(before, after, "applied")).as("seed " + seed).isBetween(2L, 5L);
        assertThat(delta(before, after, "applied") + delta(before, after, "duplicates")).isEqualTo(3 * COPIES);
    }
}
